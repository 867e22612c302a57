// What every cell must print or assert: the seed example's lines, and the class workflow's tasks.
export const SEED_LINES = ['Task fetchUsers: Completed', 'Task process: Completed'];

export const PIPELINE_LINES = [
  'workflow Completed',
  'extract Completed attempts=2 ["ada","grace"]',
  'transform Completed attempts=1 ["ADA","GRACE"]',
  'load Completed attempts=1 "ADA,GRACE"',
];
