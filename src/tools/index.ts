// The tool catalogue's public face, for the two front doors (VS Code's language-model tools and the MCP server).
export { createToolCatalogue } from './catalogue';
export { TOOL_NAMES, TOOL_SPECS } from './specs';
export { DATA_NOTICE } from './output';
export type { AgentTool, JsonSchema, Preparation, ToolAccount, ToolCatalogue, ToolError, ToolHost, ToolOutput, ToolResultJson, ToolSpec, ToolWrites, WriteConfirmation } from './types';
