/**
 * One mistake in a submitted form, as GOV.UK's error summary lists it:
 * `field` is the control's name (or `declarations.<id>` for one declaration
 * of the public form); anything else, e.g. "" from the server, concerns the
 * whole form. `message` is the Polish sentence shown in the summary and
 * beside the field.
 */
export interface FieldError {
  field: string;
  message: string;
}
