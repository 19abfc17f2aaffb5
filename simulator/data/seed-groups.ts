/**
 * @module Seeds what belongs to groups: labels, milestones, issue boards (one per group on Free,
 * more on Premium) and epics with their issues (served only where the plan is Premium).
 */
import { isoDate } from '../clock.js';
import type { Db } from './model.js';
import type { Rng } from './prng.js';
import { DAY, SEED_END } from './seed.js';

const GROUP_LABELS = [
  { name: 'team::platform', color: '#6699cc' },
  { name: 'customer', color: '#ad4363' },
  { name: 'tech debt', color: '#f0ad4e' },
  { name: 'needs triage ⚠', color: '#ed9121' },
];
/** Groups that get labels, milestones, boards and epics, with how many of each. */
const PLANNING: readonly { groupId: number; labels: number; milestones: number; boards: number; epics: number }[] = [
  { groupId: 11, labels: 4, milestones: 2, boards: 2, epics: 4 },
  { groupId: 12, labels: 2, milestones: 1, boards: 1, epics: 3 },
  { groupId: 13, labels: 1, milestones: 0, boards: 0, epics: 0 },
  // Free: its epics date from a lapsed trial and are not served (403).
  { groupId: 14, labels: 3, milestones: 1, boards: 1, epics: 2 },
];

export const FIRST_GROUP_LABEL_ID = 401;
export const FIRST_EPIC_ID = 61001;

export function seedGroupPlanning(rng: Rng, db: Db): void {
  let labelId = FIRST_GROUP_LABEL_ID;
  let milestoneId = 801;
  let boardId = 51;
  let listId = 5001;
  let epicId = FIRST_EPIC_ID;
  let epicIssueId = 62001;
  const users = db.users.all().filter((u) => u.state === 'active').map((u) => u.id);
  for (const spec of PLANNING) {
    const group = db.groups.get(spec.groupId);
    if (!group) continue;
    for (const l of rng.sample(GROUP_LABELS, spec.labels)) {
      db.groupLabels.insert({ id: labelId++, groupId: group.id, ...l, description: rng.chance(0.5) ? `Group-wide: ${l.name}` : null });
    }
    for (let iid = 1; iid <= spec.milestones; iid++) {
      const createdAt = group.createdAt + rng.int(30, 400) * DAY;
      const start = createdAt + rng.int(0, 20) * DAY;
      db.groupMilestones.insert({
        id: milestoneId++, iid, groupId: group.id, title: `Q${iid} roadmap`, description: `Quarter ${iid} goals`,
        state: iid < spec.milestones ? 'closed' : 'active', startDate: isoDate(start), dueDate: isoDate(start + 90 * DAY),
        createdAt, updatedAt: createdAt + rng.int(0, 30) * DAY,
      });
    }
    const chainLabels = db.groupChain(group.id).flatMap((g) => db.groupLabels.all().filter((l) => l.groupId === g.id));
    const groupMilestones = db.groupMilestones.all().filter((m) => m.groupId === group.id);
    for (let b = 0; b < spec.boards; b++) {
      const lists = rng.sample(chainLabels, Math.min(chainLabels.length, rng.int(1, 3))).map((l, position) => ({ id: listId++, labelId: l.id, position }));
      db.boards.insert({
        id: boardId++, groupId: group.id, name: b === 0 ? 'Development' : `Board ${b + 1}`,
        milestoneId: b > 0 && groupMilestones.length > 0 ? rng.pick(groupMilestones).id : null,
        hideBacklogList: false, hideClosedList: b > 0, lists,
      });
    }
    const subtree = new Set(db.selfAndDescendants(group.id).map((g) => g.id));
    const issues = db.issues.all().filter((i) => {
      const p = db.projects.get(i.projectId);
      return p?.namespace.kind === 'group' && subtree.has(p.namespace.id);
    });
    const parentEpics = db.epics.all().filter((e) => db.groupChain(group.id).some((g) => g.id === e.groupId && g.id !== group.id));
    for (let iid = 1; iid <= spec.epics; iid++) {
      const createdAt = rng.int(group.createdAt + DAY, SEED_END - 20 * DAY);
      const updatedAt = rng.int(createdAt, SEED_END - DAY);
      const closed = rng.chance(0.3);
      const epic = db.epics.insert({
        id: epicId++, iid, groupId: group.id, parentId: iid === 1 && parentEpics.length > 0 ? rng.pick(parentEpics).id : null,
        title: iid === 2 ? 'Épique: 国際化 🌍' : `Epic ${iid}: ${rng.pick(['Onboarding', 'Billing v2', 'Observability', 'SSO'])}`,
        description: 'Tracks the work across projects.', state: closed ? 'closed' : 'opened', confidential: false,
        authorId: rng.pick(users), startDate: rng.chance(0.5) ? isoDate(createdAt + 7 * DAY) : null,
        dueDate: rng.chance(0.5) ? isoDate(createdAt + 120 * DAY) : null, createdAt, updatedAt,
        closedAt: closed ? updatedAt : null, labelIds: rng.sample(chainLabels, rng.int(0, 2)).map((l) => l.id),
        upvotes: rng.int(0, 3), downvotes: 0, color: rng.pick(['#1068bf', '#6699cc', '#d9534f']),
      });
      rng.sample(issues, rng.int(0, 4)).forEach((issue, position) => {
        // An issue belongs to at most one epic.
        if (db.epicIssues.all().some((l) => l.issueId === issue.id)) return;
        db.epicIssues.insert({ id: epicIssueId++, epicId: epic.id, issueId: issue.id, relativePosition: position * 513 });
      });
    }
  }
}
