/**
 * `npm run staff -- add|remove|list [address]`: the staff allow-list kept in
 * the database (src/panel/allow-list.ts), beside STAFF_EMAILS. Uses the
 * same database as `npm start` (DATABASE_URL, or PGlite in the data folder's
 * pglite/ — `.data/pglite` unless WSPOLNIE_DATA_DIR moves it — which one
 * process may open at a time, so stop `npm start` first when using the
 * embedded database). "remove" also ends that person's sessions.
 * Messages are in Polish, for the operator; the address is printed only
 * back to the operator who typed it.
 */
import { DataDirLockedError } from '../src/db/data-dir-lock.ts';
import { openDatabase } from '../src/db/open.ts';
import { DataDirLayoutError } from '../src/lib/data-dir.ts';
import { addStaff, listStaff, removeStaff, staffEmail, staffEmailsFrom } from '../src/panel/allow-list.ts';

const usage = 'Użycie: npm run staff -- add <adres> | remove <adres> | list';

async function main(): Promise<number> {
  const [command, address] = process.argv.slice(2);
  if (command !== 'add' && command !== 'remove' && command !== 'list') {
    console.error(usage);
    return 2;
  }
  let email = '';
  if (command !== 'list') {
    const parsed = staffEmail.safeParse(address ?? '');
    if (!parsed.success) {
      console.error(`To nie jest poprawny adres e-mail. ${usage}`);
      return 2;
    }
    email = parsed.data;
  }
  const db = await openDatabase(process.env);
  try {
    if (command === 'add') {
      const added = await addStaff(db, email);
      console.log(added ? `Dodano ${email}: może logować się do panelu (/panel/).` : `Adres ${email} był już na liście; nic nie zmieniono.`);
    } else if (command === 'remove') {
      const removed = await removeStaff(db, email);
      console.log(removed ? `Usunięto ${email} z listy; sesje tej osoby zostały zakończone.` : `Adresu ${email} nie było na liście w bazie.`);
      if (staffEmailsFrom(process.env).emails.includes(email)) console.log('Uwaga: ten adres jest też w STAFF_EMAILS — usuń go również stamtąd.');
    } else {
      const listed = await listStaff(db);
      console.log(listed.length === 0 ? 'Lista w bazie jest pusta.' : listed.join('\n'));
      const fromEnv = staffEmailsFrom(process.env).emails;
      if (fromEnv.length > 0) console.log(`\nZ STAFF_EMAILS:\n${fromEnv.join('\n')}`);
    }
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof DataDirLockedError) console.error(`${error.message}\nZatrzymaj „npm start” i spróbuj ponownie.`);
    else if (error instanceof DataDirLayoutError) console.error(error.message);
    else console.error(`Nie udało się: ${(error as { code?: string }).code ?? (error as Error).name ?? 'błąd'}`);
    process.exit(1);
  },
);
