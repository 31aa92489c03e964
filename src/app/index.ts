/** The composition root: builds and wires every part (see create-app.ts); the CLI commands start here. */
export { openApp, openStore, openStoreLenient, buildWebApp, type App, type Paths, type OpenAppOptions, type WebAppOptions, type BuiltWebApp } from './create-app.js';
export { startServer, stopOnSignals, ListenError, type RunningServer, type ServerOptions, type StopOnSignalsOptions } from './server.js';
export { createRuntime, createHttpClientFor, type Runtime } from './runtime.js';
export { createPublisher, siteInfo, type Publisher } from './publisher.js';
export { createWorkspace } from './workspace.js';
export { createAccountsPort } from './accounts.js';
export { createOperations, type OperationsOptions } from './operations.js';
