/** What `resume` does when the initial contexts differ from the ones that wrote the checkpoints. */
export type OnInputChange = 'reuse' | 'reset' | 'raise';
