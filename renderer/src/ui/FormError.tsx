// What is wrong with a form, said where the person is looking, and announced (role=alert); nothing when all is well.
export function FormError(props: { text: string | null | undefined | false }) {
  if (!props.text) return null
  return (
    <p className="form-error" role="alert">
      {props.text}
    </p>
  )
}
