/**
 * The preload exposes one named function per IPC channel as `window.api` — never a generic
 * invoke — and nothing else. Runs sandboxed with context isolation.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { CHANNEL_NAMES, type Api } from '../main/ipc/contract'

const api = Object.fromEntries(
  CHANNEL_NAMES.map((name) => [name, (arg: unknown) => ipcRenderer.invoke(name, arg)]),
) as unknown as Api

contextBridge.exposeInMainWorld('api', api)
