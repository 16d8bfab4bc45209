/**
 * How long the link in the confirmation email works. The pages promise it
 * (/zapisy/sprawdz-poczte/, the message after sending), so the server's
 * token lifetime must be read from here rather than set on its own.
 */
export const confirmationLinkHours = 48;
export const confirmationLinkMs = confirmationLinkHours * 60 * 60 * 1000;
