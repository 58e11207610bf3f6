// One implementation for the app and the server (emails): see src/shared/translate.ts.
export * from "../../shared/translate.js";
