// The public entry of @dotflow/cli (filled in by its implementation).
export {};
