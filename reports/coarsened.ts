/**
 * A detail that the anonymised release coarsened away so that at least five
 * checks share the description: a group key on the dashboard, a value in
 * results.csv. Its own module so the client can import it without the
 * export tables.
 */
export const COARSENED = '*';
