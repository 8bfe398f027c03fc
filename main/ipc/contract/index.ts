/**
 * Every IPC channel of the app in one map. Each capability declares its channels in a file of
 * its own here and is spread in below; a name declared twice fails the type check
 * (see `assertDisjoint`) and registration throws at run time.
 */
import { coreChannels } from './core'
import { formChannels } from './form'
import { exportChannels } from './export'
import { eligibilityChannels } from './eligibility'
import { recordsChannels } from './records'
import { importChannels } from './import'
import { statsChannels } from './stats'
import { workspaceChannels } from './workspace'
import { jobsChannels } from './jobs'
import { authChannels } from './auth'
import { compareChannels } from './compare'
import { custodyChannels } from './custody'
import type { ApiResult, InputOf, OutputOf } from './define'

export const channels = {
  ...coreChannels,
  ...formChannels,
  ...exportChannels,
  ...eligibilityChannels,
  ...recordsChannels,
  ...importChannels,
  ...statsChannels,
  ...workspaceChannels,
  ...jobsChannels,
  ...authChannels,
  ...compareChannels,
  ...custodyChannels,
}

export type Channels = typeof channels
export type ChannelName = keyof Channels & string
export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[]

/** What the preload exposes as `window.api` and the browser host's client mirrors. */
export type Api = {
  [K in ChannelName]: (arg: InputOf<Channels, K>) => Promise<ApiResult<OutputOf<Channels, K>>>
}
export type { ApiResult } from './define'
