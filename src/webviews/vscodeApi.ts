// The one object VS Code gives a webview page, typed by what each page keeps and sends: `setState` takes only the
// page's state type and `postMessage` only its protocol's page messages, so a page cannot send what its host does not
// parse. `getState` is unknown: what a reload hands back is checked like any other input.

export interface VsCodeApi<State, Message> {
  getState(): unknown;
  setState(state: State): void;
  postMessage(message: Message): void;
}

declare function acquireVsCodeApi(): VsCodeApi<unknown, unknown>;

/** Call once per page (VS Code refuses a second call). */
export function connectToHost<State, Message>(): VsCodeApi<State, Message> {
  return acquireVsCodeApi();
}
