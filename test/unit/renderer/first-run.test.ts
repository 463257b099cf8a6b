// The first-run choice "practise in the training sandbox" goes through the status slice: the screen keeps only its busy flag.
import { describe, expect, it } from 'vitest'
import { Failure, makeStore, status } from '../../support/fake-api'

describe('first run: practise', () => {
  it('takes main’s new status and goes to the check-in screen, focus in the field', async () => {
    const { store, calls } = makeStore({ useTrainingMode: () => ({ ...status, mode: 'training' }) })
    store.getState().goTo('settings')
    const tick = store.getState().focusTick
    expect(await store.getState().startTraining()).toBeNull()
    expect(calls.map((c) => c.method)).toEqual(['useTrainingMode'])
    expect(store.getState()).toMatchObject({ screen: 'checkin', status: { mode: 'training' }, focusTick: tick + 1 })
  })
  it('a refusal comes back in main’s words; the screen stays', async () => {
    const { store } = makeStore({ useTrainingMode: () => Promise.reject(new Failure('server_error', 'The training sandbox could not start.')) })
    store.getState().goTo('settings')
    expect(await store.getState().startTraining()).toBe('The training sandbox could not start.')
    expect(store.getState()).toMatchObject({ screen: 'settings', status: null })
  })
})
