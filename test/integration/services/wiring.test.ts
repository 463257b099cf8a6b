// services/index.ts wires the parts through a hub: a change of account must still reach the staff roster and the
// header's status, as the screens see them.
import { afterEach, expect, it } from 'vitest'
import { eventually, startHarness, type Harness } from '../../support/counter'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

it('switching to training mode tells the screens: the practice staff and the status in training', async () => {
  h = await startHarness({ training: false })
  const seen: string[] = []
  h.services.events.on('staffChanged', () => seen.push('staff'))
  h.services.events.on('statusChanged', (s) => seen.push(`status ${s.mode}`))
  await h.services.api.useTrainingMode({})
  await eventually(() => expect(seen).toEqual(expect.arrayContaining(['staff', 'status training'])))
})
