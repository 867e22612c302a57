// The public entry of @dotflow/sentry (filled in by its implementation).
export {};
