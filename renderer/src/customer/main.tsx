// The customer screen's page: its own small app over `window.customerScreen` (its own contract only; the counter's
// methods are not there). It shows what main sends and sends only the customer's keys and taps.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import type { CustomerScreenApi } from '../../../shared/contract'
import { CustomerApp } from './CustomerApp'
import './customer.css'

declare global {
  interface Window {
    customerScreen: CustomerScreenApi
  }
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CustomerApp api={window.customerScreen} />
  </StrictMode>,
)
