// The shell's Dialog with Esc closing just this dialog (the shell's own Esc would leave the screen), and a plain
// confirm built on it. Used by Settings, the directory section, the settings lock and the queue.
import { useRef, type ReactNode } from 'react'
import { Dialog } from './Dialog'
import { FormError } from './FormError'

export function Modal(props: { title: string; onClose(): void; children: ReactNode; role?: 'dialog' | 'alertdialog'; wide?: boolean }) {
  const onClose = useRef(props.onClose)
  onClose.current = props.onClose
  return (
    <div
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return
        e.preventDefault()
        e.stopPropagation()
        onClose.current()
      }}
    >
      <Dialog title={props.title} role={props.role} wide={props.wide}>
        {props.children}
      </Dialog>
    </div>
  )
}

export function Confirm(props: {
  title: string
  children: ReactNode
  confirmLabel: string
  busy?: boolean
  error?: string | null
  danger?: boolean
  onConfirm(): void
  onCancel(): void
}) {
  return (
    <Modal title={props.title} onClose={props.onCancel}>
      <div className="confirm-body">{props.children}</div>
      <FormError text={props.error} />
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className={props.danger ? 'danger' : 'primary'} onClick={props.onConfirm} disabled={props.busy}>
          {props.confirmLabel}
        </button>
      </div>
    </Modal>
  )
}
