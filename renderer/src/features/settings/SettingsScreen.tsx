// Placeholder: AIQ account, training mode and the customer directory.
// Contract for whoever fills it: no props; read `status` from the store (useCounter) and call main via useApi().
export function SettingsScreen() {
  return (
    <section className="card" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      <p className="muted">AIQ account, training mode and the offline directory will be set up here.</p>
    </section>
  )
}
