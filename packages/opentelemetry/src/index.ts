// The public entry of @dotflow/opentelemetry (filled in by its implementation).
export {};
