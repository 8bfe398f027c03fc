/**
 * The preload exposes one named function per IPC channel as `window.api` — never a generic
 * invoke — and, as `window.appEvents`, a subscription to what the data side announces (changes
 * after a commit, job progress, a worker that failed). Runs sandboxed with context isolation.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { CHANNEL_NAMES, type Api } from '../main/ipc/contract'
import type { AppEvent } from '../main/ipc/contract/define'

const api = Object.fromEntries(
  CHANNEL_NAMES.map((name) => [
    name,
    // The second argument names a long job ({ job }), whose progress events carry that name.
    (arg: unknown, opts?: { job?: string }) =>
      opts?.job ? ipcRenderer.invoke(name, arg, { job: String(opts.job) }) : ipcRenderer.invoke(name, arg),
  ]),
) as unknown as Api

const appEvents = {
  subscribe(listener: (ev: AppEvent) => void): () => void {
    const fn = (_e: unknown, ev: AppEvent): void => listener(ev)
    ipcRenderer.on('app:event', fn)
    return () => {
      ipcRenderer.removeListener('app:event', fn)
    }
  },
}

contextBridge.exposeInMainWorld('appEvents', appEvents)
contextBridge.exposeInMainWorld('api', api)
