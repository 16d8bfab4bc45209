import { describe, expect, it } from 'vitest';
import {
  genuineProtocol, noDrawProtocol, withChangedCode, withReorderedPool, withReorderedResult, withWrongSourceValue,
} from '../../tests/support/draw-protocols.ts';
import { serializeProtocol } from './protocol.ts';
import { verifyProtocol, verifyProtocolText } from './verify.ts';

const genuine = genuineProtocol();

describe('verifying a protocol', () => {
  it('accepts a genuine draw and says what it checked', () => {
    const result = verifyProtocolText(serializeProtocol(genuine));
    expect(result.findings).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.summary).toBe(`Protokół zgodny: pula 150 kodów i klucz „${genuine.keyString}” dają dokładnie opublikowaną kolejność; przyjęto 60, na liście rezerwowej 90.`);
    expect(result.reminders.join(' ')).toContain(genuine.pool.sha256);
  });

  it('accepts a genuine no-draw record', () => {
    const result = verifyProtocol(noDrawProtocol());
    expect(result.findings).toEqual([]);
    expect(result.summary).toBe('Protokół zgodny: pula 40 kodów nie przekracza liczby miejsc (60), wszyscy przyjęci bez losowania.');
  });

  it('detects a changed code: the pool no longer matches its hash', () => {
    const result = verifyProtocol(withChangedCode(genuine));
    expect(result.ok).toBe(false);
    expect(result.findings.some((f) => f.startsWith('Skrót SHA-256 puli się nie zgadza'))).toBe(true);
  });

  it('detects a code changed in the pool only: the result holds a code from outside the pool', () => {
    const tampered = structuredClone(genuine);
    const old = tampered.pool.codes[4]!;
    tampered.pool.codes[4] = `${old.slice(0, 8)}${old.endsWith('2') ? '3' : '2'}`;
    const findings = verifyProtocol(tampered).findings;
    expect(findings).toContain(`Wynik zawiera kod spoza puli: ${old}.`);
    expect(findings).toContain(`W wyniku brakuje kodu z puli: ${tampered.pool.codes[4]}.`);
  });

  it('detects a reordered pool and names the positions', () => {
    const tampered = withReorderedPool(genuine, 20);
    const findings = verifyProtocol(tampered).findings;
    expect(findings[0]).toBe(`Pula nie jest w porządku kanonicznym (rosnąco według kodu): kod ${tampered.pool.codes[20]} z pozycji 21 powinien stać przed kodem ${tampered.pool.codes[19]} z pozycji 20. Kolejność puli została zmieniona.`);
    expect(findings.some((f) => f.startsWith('Skrót SHA-256 puli się nie zgadza'))).toBe(true);
    expect(findings.some((f) => f.startsWith('Wynik nie zgadza się z przeliczonym losowaniem'))).toBe(true);
  });

  it('detects a wrong source value and names the source', () => {
    const findings = verifyProtocol(withWrongSourceValue(genuine)).findings;
    expect(findings).toEqual([
      'Źródło 1 („Lotto, losowanie z 14 marca 2026 r.: sześć wylosowanych liczb”): z wartości 42, 7, 19, 3, 33, 28 wychodzi część klucza „3.7.19.28.33.42./”, ' +
        'a w kluczu protokołu jest „3.7.19.28.33.41./”. Wartość źródła nie zgadza się z kluczem.',
    ]);
  });

  it('detects a wrong source value carried into the key: the result no longer follows', () => {
    const tampered = withWrongSourceValue(genuine);
    tampered.keyString = tampered.keyString.replace('41./', '42./');
    const findings = verifyProtocol(tampered).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatch(/^Wynik nie zgadza się z przeliczonym losowaniem na \d+ pozycjach; pierwsza to pozycja \d+: w protokole [A-Z0-9-]+, z obliczeń [A-Z0-9-]+\.$/);
  });

  it('detects a reordered result: someone moved up from the waiting list', () => {
    const findings = verifyProtocol(withReorderedResult(genuine, 59, 61)).findings;
    expect(findings).toEqual([`Wynik nie zgadza się z przeliczonym losowaniem na 2 pozycjach; pierwsza to pozycja 60: w protokole ${genuine.order[61]}, z obliczeń ${genuine.order[59]}.`]);
  });

  it('detects a wrong count of accepted places, and a draw that was not needed', () => {
    expect(verifyProtocol({ ...genuine, accepted: 61 }).findings).toEqual(['Liczba przyjętych (61) jest błędna: przy 60 miejscach i puli 150 kodów przyjętych jest 60.']);
    expect(verifyProtocol({ ...genuine, capacity: 150, accepted: 150 }).findings).toEqual(['Losowanie nie było potrzebne: pula (150 kodów) nie przekracza liczby miejsc (150).']);
    expect(verifyProtocol({ ...noDrawProtocol(), capacity: 30, accepted: 30 }).findings[0]).toBe('Protokół mówi, że losowania nie było, ale pula (40 kodów) przekracza liczbę miejsc (30).');
  });

  it('checks the values a person found and the hash published at closing, when given', () => {
    const lotto = genuine.sources[0]!;
    expect(verifyProtocol(genuine, { sourceValues: ['3 7 19 28 33 41'], poolSha256: genuine.pool.sha256.toUpperCase() }).findings).toEqual([]);
    expect(verifyProtocol(genuine, { sourceValues: ['3 7 19 28 33 40'] }).findings).toEqual([
      `Źródło 1 („${lotto.description}”): w protokole wartość 41, 7, 19, 3, 33, 28, a podana do sprawdzenia to 3 7 19 28 33 40.`,
    ]);
    expect(verifyProtocol(genuine, { poolSha256: '0'.repeat(64) }).findings).toEqual([
      `Skrót puli w protokole (${genuine.pool.sha256}) różni się od skrótu opublikowanego przy zamknięciu zapisów (${'0'.repeat(64)}).`,
    ]);
  });

  it('refuses a checked value that can mean two things as the person\'s input, showing both key parts, with no verdict on the protocol', () => {
    const result = verifyProtocol(genuine, { sourceValues: ['3 7 19 28 33,41'] });
    expect(result).toMatchObject({ ok: false, findings: [], reminders: [] });
    expect(result.summary).toBe('Nie sprawdzono protokołu: podana wartość źródła jest błędna albo można ją odczytać dwojako. Popraw ją i sprawdź jeszcze raz.');
    expect(result.inputErrors).toHaveLength(1);
    expect(result.inputErrors[0]).toContain('Źródło 1 (');
    expect(result.inputErrors[0]).toContain('podanej do sprawdzenia wartości nie da się odczytać: „33,41” w „3 7 19 28 33,41”');
    expect(result.inputErrors[0]).toContain('(część klucza „3.7.19.28.33.41./”)');
    expect(result.inputErrors[0]).toContain('(część klucza „3.7.19.28.33.41/”)');
    // The same for a tampered protocol: its faults are not judged on input that cannot be read.
    expect(verifyProtocol(withChangedCode(genuine), { sourceValues: ['pięć'] })).toMatchObject({ ok: false, findings: [] });
    expect(verifyProtocol(genuine, { sourceValues: [undefined, undefined, '1'] }).inputErrors).toEqual(['Podano wartość źródła 3, a protokół ma 2 źródła.']);
    expect(verifyProtocol(genuine, { sourceValues: ['3 7 19 28 33 41'] })).toMatchObject({ ok: true, inputErrors: [] });
  });

  it('turns bad input into findings, never an exception', () => {
    expect(verifyProtocolText('{').findings).toEqual(['To nie jest poprawny plik JSON: protokół losowania to dokument JSON.']);
    expect(verifyProtocol(null).findings[0]).toMatch(/^Protokół ma niepoprawną budowę \(całość\): /);
    const { keyString: _, ...withoutKey } = genuine;
    expect(verifyProtocol(withoutKey).findings[0]).toMatch(/^Protokół ma niepoprawną budowę \(keyString\): /);
    expect(verifyProtocol({ ...genuine, keyString: 'zły klucz ó/' }).findings.some((f) => f.includes('ASCII'))).toBe(true);
    expect(verifyProtocol({ ...genuine, algorithm: { name: 'RFC 3797', implementation: 'inna/2' } }).findings[0]).toBe('Protokół podaje implementację „inna/2”, a ten weryfikator sprawdza „wspolnie-rfc3797/1”.');
  });
});
