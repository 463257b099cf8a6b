// A PIN field: digits only, hidden, up to 6 (a manager may choose 6; a budtender's is 4).
export function PinInput(props: { id: string; value: string; onChange(pin: string): void; autoFocus?: boolean }) {
  return (
    <input
      id={props.id}
      className="pin-input"
      type="password"
      inputMode="numeric"
      autoComplete="off"
      maxLength={6}
      autoFocus={props.autoFocus}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value.replace(/\D/g, '').slice(0, 6))}
    />
  )
}
