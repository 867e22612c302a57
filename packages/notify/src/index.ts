// The public entry of @dotflow/notify (filled in by its implementation).
export {};
