/**
 * One mistake in a submitted form, as GOV.UK's error summary lists it and
 * the field shows it. `field` names the control; each form says how a name
 * becomes the control's id (the summary's `controlId`): the public sign-up
 * form's names are its controls' `name`s (`declarations.<id>` for one
 * declaration), mapped by src/enrolment/form-html.ts `fieldId`; the panel's
 * are the controls' ids themselves. A name that maps to no control (e.g. ""
 * from the server) is about the whole form: listed, without a link.
 * `message` is the Polish sentence shown in the summary and beside the field.
 */
export interface FieldError {
  field: string;
  message: string;
}
