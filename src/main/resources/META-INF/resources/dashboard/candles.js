// Candles of one symbol and interval, and their ECharts rendering. Only text nodes and canvas: no HTML from data.

/** Bars by open time; a closed bar wins over one in progress, and a bar in progress only moves forward. */
export class CandleSeries {
    constructor(limit) {
        this.limit = limit;
        this.bars = new Map();
        this.version = 0;
    }

    /** @return true when the series changed */
    apply(bar) {
        const current = this.bars.get(bar.time);
        if (current && (current.closed && !bar.closed || (!bar.closed && bar.trades < current.trades))) {
            return false;
        }
        this.bars.set(bar.time, bar);
        if (!current && this.bars.size > this.limit) {
            const oldest = Math.min(...this.bars.keys());
            this.bars.delete(oldest);
        }
        this.version++;
        return true;
    }

    sorted() {
        return [...this.bars.values()].sort((a, b) => a.time - b.time);
    }
}

const UP = '#26a69a';
const DOWN = '#ef5350';
/** A flat bar (no trades in session, drawn at the last price): grey, so it never reads as a real candle. */
const FLAT = '#9e9e9e';
const FLAT_STYLE = { color: FLAT, color0: FLAT, borderColor: FLAT, borderColor0: FLAT };

function candle(b) {
    const value = [b.open, b.close, b.low, b.high];
    return b.quality === 'flat' ? { value, itemStyle: FLAT_STYLE } : value;
}

function label(time, intervalMillis) {
    const iso = new Date(time).toISOString();
    return intervalMillis < 60000 ? iso.substring(11, 19) : iso.substring(11, 16);
}

/** One chart: candles on top, volume below, sharing the time axis. */
export class CandleChart {
    constructor(element, compact) {
        this.chart = echarts.init(element, 'dark', { renderer: 'canvas' });
        this.compact = compact;
        // a small chart shows the newest bars only: 200 candles in 260 pixels are lines and cost 3 times the work
        this.maxBars = compact ? 60 : Infinity;
        this.rendered = -1;
        this.chart.setOption(this.baseOption());
        new ResizeObserver(() => this.chart.resize()).observe(element);
    }

    baseOption() {
        const c = this.compact;
        return {
            backgroundColor: 'transparent',
            animation: false,
            // rich text, drawn on the canvas: the tooltip never goes through innerHTML
            tooltip: c ? { show: false } : { trigger: 'axis', renderMode: 'richText', axisPointer: { type: 'cross' } },
            grid: [
                { left: c ? 44 : 64, right: 8, top: 8, bottom: c ? '30%' : '28%' },
                { left: c ? 44 : 64, right: 8, top: c ? '74%' : '76%', bottom: c ? 4 : 24 },
            ],
            xAxis: [
                { type: 'category', data: [], boundaryGap: true, axisLabel: { show: !c }, axisTick: { show: !c } },
                { type: 'category', gridIndex: 1, data: [], axisLabel: { show: false }, axisTick: { show: false } },
            ],
            yAxis: [
                { scale: true, splitNumber: c ? 3 : 5, axisLabel: { fontSize: c ? 9 : 12 } },
                { scale: true, gridIndex: 1, splitNumber: 1, axisLabel: { show: false }, splitLine: { show: false } },
            ],
            series: [
                { name: 'price', type: 'candlestick', data: [],
                  itemStyle: { color: UP, color0: DOWN, borderColor: UP, borderColor0: DOWN } },
                { name: 'volume', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, data: [], large: true },
            ],
        };
    }

    /** Redraws when the series changed since the last call; cheap when it did not. */
    render(series, intervalMillis) {
        if (series.version === this.rendered) {
            return false;
        }
        this.rendered = series.version;
        const bars = series.sorted().slice(-this.maxBars);
        const labels = bars.map(b => label(b.time, intervalMillis));
        this.chart.setOption({
            xAxis: [{ data: labels }, { data: labels }],
            series: [
                { data: bars.map(candle) },
                { data: bars.map(b => ({ value: b.volume, itemStyle: { color: b.close >= b.open ? UP : DOWN } })) },
            ],
        });
        return true;
    }

    dispose() {
        this.chart.dispose();
    }
}
