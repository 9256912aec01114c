// The live dashboard: history from /api/bars, then frames from /api/live applied once per animation frame, however
// many arrive in between (the server already coalesces ticks to caravan.dashboard.push-interval).
import { api } from './api.js';
import { CandleChart, CandleSeries } from './candles.js';
import { QuotesBoard } from './board.js';
import { LiveChannel } from './live.js';
import { PerfMeter } from './perf.js';

const HISTORY = 200;
/** Grid charts redrawn per animation frame until this much time is spent; the rest in the next frames. */
const FRAME_BUDGET_MS = 8;
const $ = id => document.getElementById(id);

const perf = new PerfMeter();
const board = new QuotesBoard($('board-rows'));
const series = new Map();        // symbol \0 interval → CandleSeries
const gridCharts = new Map();    // symbol → CandleChart
const quoteVersions = new Map(); // symbol → last version seen, to count the ticks a frame stands for
const state = { symbols: [], intervals: [], symbol: null, interval: null, view: 'single' };
let mainChart = null;
let pending = { quotes: new Map(), bars: [], alerts: [], sentAts: [] };
let scheduled = false;
let gridCursor = 0;
let undrawn = { sentAts: [], newestTrade: 0 };

const key = (symbol, interval) => `${symbol}\u0000${interval}`;

function intervalMillis(label) {
    const n = parseInt(label, 10);
    return n * { s: 1000, m: 60000, h: 3600000, d: 86400000 }[label.slice(-1)];
}

function seriesOf(symbol, interval) {
    const k = key(symbol, interval);
    let s = series.get(k);
    if (!s) {
        s = new CandleSeries(HISTORY);
        series.set(k, s);
        api.bars(symbol, interval, HISTORY)
            .then(answer => {
                answer.bars.forEach(bar => s.apply(bar));
                schedule();
            })
            .catch(e => console.warn('history of', symbol, interval, e.message));
    }
    return s;
}

function addSymbol(symbol) {
    if (state.symbols.includes(symbol)) {
        return;
    }
    state.symbols.push(symbol);
    const option = document.createElement('option');
    option.value = symbol;
    option.textContent = symbol;
    $('symbol').appendChild(option);
    if (state.view === 'grid') {
        addGridCell(symbol);
    }
}

function addGridCell(symbol) {
    const cell = document.createElement('div');
    cell.className = 'grid-cell';
    cell.dataset.symbol = symbol;
    const title = document.createElement('h3');
    title.textContent = symbol;
    const chartElement = document.createElement('div');
    chartElement.className = 'chart';
    cell.append(title, chartElement);
    $('grid').appendChild(cell);
    gridCharts.set(symbol, new CandleChart(chartElement, true));
    seriesOf(symbol, state.interval);
}

function showView(view) {
    state.view = view;
    $('single-view').hidden = view !== 'single';
    $('grid-view').hidden = view !== 'grid';
    $('view-single').setAttribute('aria-pressed', String(view === 'single'));
    $('view-grid').setAttribute('aria-pressed', String(view === 'grid'));
    gridCharts.forEach(chart => chart.dispose());
    gridCharts.clear();
    gridCursor = 0;
    $('grid').replaceChildren();
    if (view === 'grid') {
        state.symbols.forEach(addGridCell);
    } else {
        mainChart.chart.resize();
    }
    redrawAll();
}

function select(symbol, interval) {
    state.symbol = symbol;
    state.interval = interval;
    $('symbol').value = symbol;
    $('interval').value = interval;
    $('chart-title').textContent = `${symbol} · ${interval}`;
    seriesOf(symbol, interval);
    if (state.view === 'grid') {
        state.symbols.forEach(s => seriesOf(s, interval));
    }
    redrawAll();
}

function redrawAll() {
    mainChart.rendered = -1;
    gridCharts.forEach(chart => { chart.rendered = -1; });
    schedule();
}

function onFrame(frame) {
    let ticks = 0;
    for (const quote of frame.quotes) {
        const seen = quoteVersions.get(quote.symbol);
        ticks += seen === undefined ? 1 : Math.max(0, quote.version - seen);
        quoteVersions.set(quote.symbol, Math.max(seen ?? 0, quote.version));
        const queued = pending.quotes.get(quote.symbol);
        if (!queued || queued.version < quote.version) {
            pending.quotes.set(quote.symbol, quote);
        }
    }
    pending.bars.push(...frame.bars);
    pending.alerts.push(...frame.alerts);
    pending.sentAts.push(frame.sentAt);
    perf.received(frame, ticks);
    schedule();
}

function schedule() {
    if (!scheduled) {
        scheduled = true;
        requestAnimationFrame(render);
    }
}

function render() {
    scheduled = false;
    const work = pending;
    pending = { quotes: new Map(), bars: [], alerts: [], sentAts: [] };
    let newestTrade = 0;
    for (const quote of work.quotes.values()) {
        addSymbol(quote.symbol);
        board.update(quote);
        newestTrade = Math.max(newestTrade, quote.time);
    }
    for (const alert of work.alerts) {
        board.alert(alert.symbol, alert.state === 'raised');
    }
    for (const live of work.bars) {
        const s = series.get(key(live.symbol, live.interval));
        if (s) {
            s.apply(live.bar);
        }
    }
    undrawn.sentAts.push(...work.sentAts);
    undrawn.newestTrade = Math.max(undrawn.newestTrade, newestTrade);
    const millis = intervalMillis(state.interval);
    if (state.view === 'single') {
        mainChart.render(seriesOf(state.symbol, state.interval), millis);
    } else if (!renderGrid(millis)) {
        schedule();
        return;
    }
    // a frame counts as drawn once every chart it changed is redrawn
    if (undrawn.sentAts.length > 0) {
        perf.drawn(undrawn.sentAts, undrawn.newestTrade);
    }
    undrawn = { sentAts: [], newestTrade: 0 };
}

/** Redraws the grid's changed charts within the frame budget; false when some are left for the next frame. */
function renderGrid(millis) {
    const charts = [...gridCharts.entries()];
    const started = performance.now();
    while (gridCursor < charts.length) {
        const [symbol, chart] = charts[gridCursor++];
        chart.render(seriesOf(symbol, state.interval), millis);
        if (gridCursor < charts.length && performance.now() - started > FRAME_BUDGET_MS) {
            return false;
        }
    }
    gridCursor = 0;
    return true;
}

function showPerf() {
    const p = perf.snapshot();
    const lag = p.pushToDrawnMs.count ? `update lag p50 ${p.pushToDrawnMs.p50} ms` : 'update lag –';
    const frame = p.frameTimeMs.count ? `frame p95 ${p.frameTimeMs.p95} ms` : '';
    $('perf').textContent = `${lag} · ${frame} · ${p.ticksPerSecond} ticks/s → ${p.rendersPerSecond} renders/s`;
}

async function loadQuotes() {
    for (const quote of await api.quotes()) {
        const queued = pending.quotes.get(quote.symbol);
        if (!queued || queued.version < quote.version) {
            pending.quotes.set(quote.symbol, quote);
        }
    }
    schedule();
}

/** After a reconnect: the quotes and the candles' history again. */
function resync() {
    series.clear();
    redrawAll();
    loadQuotes().catch(e => console.warn('quotes after reconnect', e.message));
}

async function start() {
    mainChart = new CandleChart($('chart'), false);
    const settings = await api.settings();
    $('alert-rule').textContent = `alert: ${settings.alertRule}`;
    settings.intervals.forEach(interval => {
        const option = document.createElement('option');
        option.value = interval;
        option.textContent = interval;
        $('interval').appendChild(option);
    });
    state.intervals = settings.intervals;
    settings.symbols.forEach(addSymbol);
    const params = new URLSearchParams(location.search);
    const symbol = state.symbols.includes(params.get('symbol')) ? params.get('symbol') : state.symbols[0];
    const interval = state.intervals.includes(params.get('interval')) ? params.get('interval') : state.intervals[0];
    select(symbol, interval);

    $('symbol').addEventListener('change', e => select(e.target.value, state.interval));
    $('interval').addEventListener('change', e => select(state.symbol, e.target.value));
    $('view-single').addEventListener('click', () => showView('single'));
    $('view-grid').addEventListener('click', () => showView('grid'));

    // the channel first, then the snapshot: a change in between arrives as a frame, and versions order the two
    let connectedBefore = false;
    new LiveChannel(onFrame, live => {
        $('connection').textContent = live ? 'live' : 'reconnecting…';
        $('connection').classList.toggle('live', live);
        if (live && connectedBefore) {
            resync(); // what changed while disconnected (e.g. dropped as too slow) came in no frame
        }
        connectedBefore = connectedBefore || live;
    }).open();
    await loadQuotes();
    if (params.get('view') === 'grid') {
        showView('grid');
    }
    setInterval(showPerf, 1000);
    window.caravanDashboard.ready = true;
}

window.caravanDashboard = { ready: false, perf, state };
start().catch(e => {
    $('connection').textContent = `error: ${e.message}`;
    console.error(e);
});
