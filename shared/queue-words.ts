// How a parked award's message starts, so the main process writes it and the Queue screen labels it from one place.
/** AIQ keeps no notes and more than one of its rows could be this award: a manager looks in AIQ. */
export const NEEDS_CHECK = 'Needs a check in AIQ'
/** AIQ's answers about this award could not be read too many times: it stopped retrying. */
export const STOPPED_RETRYING = 'Stopped retrying'
