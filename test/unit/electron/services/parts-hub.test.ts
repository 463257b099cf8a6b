import { expect, it } from 'vitest'
import { createPartsHub } from '../../../../electron/services/events'

it('tells every part that subscribed, in the order they did, with what was said', () => {
  const parts = createPartsHub()
  const heard: string[] = []
  parts.on('accountChanged', () => heard.push('engine'))
  parts.on('aiqAnswered', (a) => heard.push(`answer ${a.uid}@${a.origin}`))
  parts.on('accountChanged', () => heard.push('status'))
  parts.emit('accountChanged')
  parts.emit('aiqAnswered', { uid: '42', origin: 'https://lab.alpineiq.com' })
  parts.emit('outboxMoved')
  expect(heard).toEqual(['engine', 'status', 'answer 42@https://lab.alpineiq.com'])
})

it('a listener that throws stops the rest, as the direct calls it replaces did', () => {
  const parts = createPartsHub()
  const heard: string[] = []
  parts.on('statusMoved', () => {
    throw new Error('engine stopped')
  })
  parts.on('statusMoved', () => heard.push('status'))
  expect(() => parts.emit('statusMoved')).toThrow('engine stopped')
  expect(heard).toEqual([])
})
