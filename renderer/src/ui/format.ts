const time = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' })
const date = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric' })
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' })

export const formatTime = (ms: number) => time.format(ms)
export const formatDate = (ms: number) => date.format(ms)
export const formatDateTime = (ms: number) => `${date.format(ms)}, ${time.format(ms)}`
export const formatMoney = (n: number) => money.format(n)
