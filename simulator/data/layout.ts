/**
 * @module The fixed shape of the seeded world: users, groups, projects and memberships, with
 * stable ids that do not depend on the seed (tests name them). The seed only decides contents:
 * titles, states, timestamps, labels. Id ranges differ per table (users 101+, namespaces 11+,
 * projects 1001+, issues 5001+) so an id used in the wrong place finds nothing.
 */
import { AccessLevel, type Visibility } from './model.js';

export const CURRENT_USER_ID = 101;

export interface UserSpec {
  id: number;
  username: string;
  name: string;
  state: 'active' | 'blocked';
}

export const USERS: readonly UserSpec[] = [
  { id: 101, username: 'sam', name: 'Sam Simulator', state: 'active' },
  { id: 102, username: 'dana', name: 'Dana Okafor', state: 'active' },
  { id: 103, username: 'lukasz', name: 'Łukasz Żółkiewski', state: 'active' },
  { id: 104, username: 'misaki.tanaka', name: '田中 美咲', state: 'active' },
  { id: 105, username: 'jose.alvarez', name: 'José Álvarez', state: 'active' },
  { id: 106, username: 'priya', name: 'Priya Raman', state: 'blocked' },
];

/** Personal namespaces share the id space of groups: 31 for user 101, 32 for 102, ... */
export function userNamespaceId(userId: number): number {
  return userId - 70;
}

export interface GroupSpec {
  id: number;
  name: string;
  path: string;
  parentId: number | null;
  visibility: Visibility;
  description: string;
}

export const GROUPS: readonly GroupSpec[] = [
  { id: 11, name: 'Acme', path: 'acme', parentId: null, visibility: 'private', description: 'Acme Corporation' },
  { id: 12, name: 'Platform', path: 'platform', parentId: 11, visibility: 'private', description: 'Platform team' },
  { id: 13, name: 'Infra', path: 'infra', parentId: 12, visibility: 'private', description: 'Infrastructure as code' },
  { id: 14, name: 'Globex', path: 'globex', parentId: null, visibility: 'internal', description: 'Globex Corporation' },
  { id: 15, name: 'Community', path: 'community', parentId: null, visibility: 'public', description: 'Open to everyone' },
  { id: 16, name: 'Hidden Lab', path: 'hidden-lab', parentId: null, visibility: 'private', description: 'Not for you' },
];

export interface ProjectSpec {
  id: number;
  name: string;
  path: string;
  namespace: { kind: 'group' | 'user'; id: number };
  visibility: Visibility;
  description: string;
  archived?: boolean;
  mirror?: boolean;
  sharedWith?: { groupId: number; accessLevel: number }[];
  /** Issues seeded in the project; `'big'` means `bigProjectIssues`. */
  issues: number | 'big';
  milestones: number;
}

export const BIG_PROJECT_ID = 1003;

export const PROJECTS: readonly ProjectSpec[] = [
  { id: 1001, name: 'Website', path: 'website', namespace: { kind: 'group', id: 11 }, visibility: 'internal', description: 'The public website', issues: 6, milestones: 1 },
  { id: 1002, name: 'Handbook', path: 'handbook', namespace: { kind: 'group', id: 11 }, visibility: 'private', description: 'How we work (archived)', archived: true, issues: 3, milestones: 0 },
  { id: 1003, name: 'API', path: 'api', namespace: { kind: 'group', id: 12 }, visibility: 'private', description: 'The platform API', issues: 'big', milestones: 2 },
  { id: 1004, name: 'Web UI', path: 'web-ui', namespace: { kind: 'group', id: 12 }, visibility: 'private', description: 'Browser front end', issues: 5, milestones: 1 },
  { id: 1005, name: 'Terraform', path: 'terraform', namespace: { kind: 'group', id: 13 }, visibility: 'private', description: 'Cloud resources', issues: 3, milestones: 0 },
  { id: 1006, name: 'Analytics', path: 'analytics', namespace: { kind: 'group', id: 14 }, visibility: 'private', description: 'Dashboards and reports', issues: 4, milestones: 1 },
  {
    id: 1007, name: 'Shared Lib', path: 'shared-lib', namespace: { kind: 'group', id: 14 }, visibility: 'private',
    description: 'A library Globex shares with Acme', mirror: true,
    sharedWith: [{ groupId: 11, accessLevel: AccessLevel.developer }], issues: 4, milestones: 0,
  },
  { id: 1008, name: 'dotfiles', path: 'dotfiles', namespace: { kind: 'user', id: userNamespaceId(102) }, visibility: 'private', description: "Dana's dotfiles", issues: 2, milestones: 0 },
  { id: 1009, name: 'Awesome Lists', path: 'awesome-lists', namespace: { kind: 'group', id: 15 }, visibility: 'public', description: 'Curated links', issues: 3, milestones: 0 },
  { id: 1010, name: 'Secret Project', path: 'secret-project', namespace: { kind: 'group', id: 16 }, visibility: 'private', description: 'Invisible to the token', issues: 2, milestones: 0 },
];

export interface MembershipSpec {
  userId: number;
  kind: 'group' | 'project';
  targetId: number;
  accessLevel: number;
}

/**
 * The token's user (101) owns Acme (and so its subgroups), maintains Globex, is a developer on
 * Dana's personal project, and has nothing in Community (public) or Hidden Lab (private).
 */
export const MEMBERSHIPS: readonly MembershipSpec[] = [
  { userId: 101, kind: 'group', targetId: 11, accessLevel: AccessLevel.owner },
  { userId: 101, kind: 'group', targetId: 14, accessLevel: AccessLevel.maintainer },
  { userId: 101, kind: 'project', targetId: 1008, accessLevel: AccessLevel.developer },
  { userId: 102, kind: 'group', targetId: 14, accessLevel: AccessLevel.owner },
  { userId: 102, kind: 'group', targetId: 11, accessLevel: AccessLevel.developer },
  { userId: 103, kind: 'group', targetId: 12, accessLevel: AccessLevel.maintainer },
  { userId: 104, kind: 'group', targetId: 11, accessLevel: AccessLevel.reporter },
  { userId: 104, kind: 'project', targetId: 1009, accessLevel: AccessLevel.owner },
  { userId: 105, kind: 'group', targetId: 14, accessLevel: AccessLevel.developer },
  { userId: 105, kind: 'group', targetId: 16, accessLevel: AccessLevel.owner },
  { userId: 106, kind: 'project', targetId: 1004, accessLevel: AccessLevel.guest },
];

export const LABELS: readonly { name: string; color: string }[] = [
  { name: 'bug', color: '#dc143c' },
  { name: 'feature', color: '#428bca' },
  { name: 'documentation', color: '#69d100' },
  { name: 'security', color: '#d9534f' },
  { name: 'priority::high', color: '#ff0000' },
  { name: 'priority::low', color: '#a8d695' },
  { name: 'good first issue', color: '#7f8c8d' },
];

const TITLE_SUBJECTS = [
  'login page', 'CI pipeline', 'search results', 'API pagination', 'dark mode', 'export to CSV',
  'rate limiter', 'webhook retries', 'user avatars', 'audit log', 'SSO settings', 'billing page',
];
const TITLE_VERBS = ['Fix', 'Improve', 'Add', 'Remove', 'Document', 'Refactor', 'Speed up', 'Investigate'];
/** Some titles are Unicode, as real ones are: accents, CJK, emoji, right-to-left text. */
const UNICODE_TITLES = [
  'Crash when the title has ünïcödé ✓',
  '日本語のタイトルが文字化けする',
  'Rocket launch checklist 🚀',
  'Łódź office: naprawić drukarkę',
  'عنوان باللغة العربية',
  'Emoji in labels 👩‍💻 break sorting',
];

export function issueTitle(pick: <T>(items: readonly T[]) => T, unicode: boolean): string {
  return unicode ? pick(UNICODE_TITLES) : `${pick(TITLE_VERBS)} ${pick(TITLE_SUBJECTS)}`;
}
