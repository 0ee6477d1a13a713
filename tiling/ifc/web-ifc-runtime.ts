/**
 * One shared web-ifc instance per process: initialising the WebAssembly module takes a few hundred
 * milliseconds, so every importer call reuses it. Node only (the wasm file is located on disk).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as WebIfc from 'web-ifc';

let shared: Promise<WebIfc.IfcAPI> | undefined;

/** The process-wide web-ifc API, initialised on first use (single-threaded wasm). */
export function ifcApi(): Promise<WebIfc.IfcAPI> {
  shared ??= (async () => {
    const api = new WebIfc.IfcAPI();
    const entry = createRequire(import.meta.url).resolve('web-ifc');
    api.SetWasmPath(path.dirname(entry) + path.sep, true);
    await api.Init(undefined, true);
    api.SetLogLevel(WebIfc.LogLevel.LOG_LEVEL_OFF);
    return api;
  })();
  return shared;
}

let classNames: Map<string, string> | undefined;

/**
 * The IFC entity name in its schema spelling ('IfcWall') for web-ifc's upper-case name
 * ('IFCWALL'), taken from the class names of web-ifc's generated IFC2X3/IFC4/IFC4X3 schemas.
 */
export function ifcClassName(upper: string): string {
  if (!classNames) {
    classNames = new Map();
    for (const schema of [WebIfc.IFC2X3, WebIfc.IFC4, WebIfc.IFC4X3] as object[]) {
      for (const key of Object.keys(schema)) if (key.startsWith('Ifc')) classNames.set(key.toUpperCase(), key);
    }
  }
  return classNames.get(upper.toUpperCase()) ?? `Ifc${upper.slice(3).charAt(0)}${upper.slice(4).toLowerCase()}`;
}
