// The quotes board. Every value is set with textContent: a symbol is shown as the text it is, never parsed as HTML.

const COLUMNS = ['symbol', 'market', 'last', 'previousClose', 'change', 'changePercent', 'volume', 'time',
    'dropPercent', 'feedStatus'];
const NUMERIC = new Set(['last', 'previousClose', 'change', 'changePercent', 'volume', 'dropPercent']);

function number(value, maxDigits, minDigits = 2) {
    if (value === null || value === undefined) {
        return '—';
    }
    return Number(value).toLocaleString('en-US', { maximumFractionDigits: maxDigits,
        minimumFractionDigits: Math.min(minDigits, maxDigits) });
}

function text(quote, column) {
    switch (column) {
        case 'last':
        case 'previousClose':
        case 'change':
            return number(quote[column], quote.last < 1 ? 8 : 4);
        case 'changePercent':
        case 'dropPercent':
            return number(quote[column], 2);
        case 'volume':
            return number(quote.volume, 5, 0);
        case 'time':
            return new Date(quote.time).toISOString().substring(11, 23);
        default:
            return String(quote[column] ?? '');
    }
}

export class QuotesBoard {
    constructor(tbody) {
        this.tbody = tbody;
        this.rows = new Map();
    }

    /** Applies a quote newer than the row's; the row flashes green or red when the last price moved. */
    update(quote) {
        let row = this.rows.get(quote.symbol);
        if (!row) {
            row = this.createRow(quote.symbol);
        } else if (quote.version <= row.version) {
            return;
        }
        const previous = row.quote;
        row.version = quote.version;
        row.quote = quote;
        COLUMNS.forEach((column, i) => {
            const cell = row.element.cells[i];
            const value = text(quote, column);
            if (cell.textContent !== value) {
                cell.textContent = value;
            }
        });
        this.setSign(row.element.cells[COLUMNS.indexOf('change')], quote.change);
        this.setSign(row.element.cells[COLUMNS.indexOf('changePercent')], quote.change);
        row.element.cells[COLUMNS.indexOf('feedStatus')].className = `feed-${quote.feedStatus}`;
        row.element.classList.toggle('alert', quote.alert);
        if (previous && previous.last !== quote.last) {
            // the flash brightens the row instead of painting it, so an alert row stays red while it flashes; the
            // direction is the colour of the last price
            this.setSign(row.element.cells[COLUMNS.indexOf('last')], quote.last - previous.last);
            row.element.animate([{ filter: 'brightness(1.9)' }, { filter: 'brightness(1)' }], { duration: 300 });
        }
    }

    /** An alert event arrived before the quote that carries it: show it now. */
    alert(symbol, raised) {
        const row = this.rows.get(symbol);
        if (row) {
            row.element.classList.toggle('alert', raised);
        }
    }

    setSign(cell, value) {
        cell.classList.toggle('up', value > 0);
        cell.classList.toggle('down', value < 0);
    }

    createRow(symbol) {
        const element = document.createElement('tr');
        element.dataset.symbol = symbol;
        for (const column of COLUMNS) {
            const cell = document.createElement('td');
            if (NUMERIC.has(column)) {
                cell.className = 'num';
            }
            element.appendChild(cell);
        }
        const row = { element, version: -1, quote: null };
        this.rows.set(symbol, row);
        const after = [...this.rows.keys()].filter(s => s > symbol).sort()[0];
        this.tbody.insertBefore(element, after ? this.rows.get(after).element : null);
        return row;
    }
}
