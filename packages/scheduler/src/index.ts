// The public entry of @dotflow/scheduler (filled in by its implementation).
export {};
