import { describe, expect, it } from 'vitest';
import { offerTable, readmeOfferTable } from '../../server/definitions/offer-table.ts';
import { latestHandwerkDigital } from '../helpers/shipped.ts';

const { prepared, catalogue } = latestHandwerkDigital();
const table = offerTable(prepared, catalogue);
const rows = table
  .trim()
  .split('\n')
  .slice(2)
  .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| |\s\|$/g, '')));

describe('the README’s table of offers per trade group, size and level', () => {
  it('is current: `npx procheck offers` would not change it', () => {
    expect(readmeOfferTable()).toBe(table);
  });

  it('has a row for every sample trade group in three sizes, with offers at every level', () => {
    expect(rows).toHaveLength(prepared.definition.profile.trades.length * 3);
    for (const [trade, size, ...levels] of rows) {
      expect(levels, `${trade}, ${size}`).toHaveLength(3);
      for (const cell of levels) expect(cell, `${trade}, ${size}`).not.toBe('—');
    }
  });

  it('never offers the food trade CAD/CAM, vehicle or construction-site workshops', () => {
    for (const [trade, , ...cells] of rows.filter(([trade]) => trade === 'Lebensmittelgewerbe')) {
      for (const cell of cells) expect(cell, trade).not.toMatch(/CAD|CNC|Kfz|Baustelle|BIM|GAEB|Datanorm|Aufmaß/);
    }
  });

  it('never offers a one-person business a workshop for teams or apprentices', () => {
    for (const [trade, , ...cells] of rows.filter(([, size]) => size!.startsWith('1 Person'))) {
      for (const cell of cells) expect(cell, trade).not.toMatch(/Team|Azubi|Fachkräfte|Einsatzplanung/);
    }
  });

  it('offers leaders depth, not the beginners’ roadmap', () => {
    for (const [trade, size, beginner, , leader] of rows) {
      expect(beginner, `${trade}, ${size}`).toContain('Ihr digitaler Fahrplan');
      expect(leader, `${trade}, ${size}`).not.toMatch(/Ihr digitaler Fahrplan|DSGVO-Grundlagen|Datensicherung, die im Ernstfall/);
    }
  });
});
