export function describeDocDrift(before: string, after: string, file?: string): string | undefined;
