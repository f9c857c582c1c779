/**
 * Writes the two binary examples of this folder from the same monthly data as months.csv:
 * `node --import tsx examples/inputs/make-binary-examples.ts`.
 * sales.xlsx: a worksheet with real date cells (as Excel stores them) and a header `Month,Sales`;
 * sales.parquet: a long table unique_id (string), ds (timestamp), y (double).
 */
import writeXlsxFile from 'write-excel-file/node';
import { parquetWriteFile } from 'hyparquet-writer';

const here = new URL('.', import.meta.url).pathname;
const values = [112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140];
const dates = values.map((_, t) => new Date(Date.UTC(1949 + Math.floor(t / 12), t % 12, 1)));

await writeXlsxFile(
  [
    [{ value: 'Month' }, { value: 'Sales' }],
    ...values.map((v, t) => [{ value: dates[t], type: Date, format: 'yyyy-mm-dd' }, { value: v, type: Number }]),
  ],
  { sheet: 'sales' },
).toFile(here + 'sales.xlsx');

const ids = [...values.map(() => 'north'), ...values.map(() => 'south')];
parquetWriteFile({
  filename: here + 'sales.parquet',
  columnData: [
    { name: 'unique_id', data: ids, type: 'STRING' },
    { name: 'ds', data: [...dates, ...dates], type: 'TIMESTAMP' },
    { name: 'y', data: [...values, ...values.map((v) => v * 1.5)], type: 'DOUBLE' },
  ],
});
