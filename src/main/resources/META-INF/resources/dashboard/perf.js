// What the page measures about itself, for the browser test and the header: frame times (requestAnimationFrame
// gaps), long tasks, and update lag (server push → drawn, and trade → drawn).

function stats(values) {
    if (values.length === 0) {
        return { count: 0 };
    }
    const sorted = [...values].sort((a, b) => a - b);
    const at = p => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    const sum = sorted.reduce((a, b) => a + b, 0);
    return { count: sorted.length, mean: +(sum / sorted.length).toFixed(2), p50: +at(0.5).toFixed(2),
        p95: +at(0.95).toFixed(2), p99: +at(0.99).toFixed(2), max: +sorted[sorted.length - 1].toFixed(2) };
}

export class PerfMeter {
    constructor() {
        this.reset();
        const loop = now => {
            if (this.lastFrame !== null) {
                this.frames.push(now - this.lastFrame);
            }
            this.lastFrame = now;
            requestAnimationFrame(loop);
        };
        requestAnimationFrame(loop);
        if (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes?.includes('longtask')) {
            new PerformanceObserver(list => list.getEntries().forEach(e => this.longTasks.push(e.duration)))
                .observe({ type: 'longtask' });
        }
    }

    reset() {
        this.started = Date.now();
        this.lastFrame = null;
        this.frames = [];
        this.longTasks = [];
        this.pushLag = [];
        this.tradeLag = [];
        this.framesReceived = 0;
        this.renders = 0;
        this.ticks = 0;
    }

    received(frame, ticks) {
        this.framesReceived++;
        this.ticks += ticks;
    }

    /** After a render that applied frames: their push times and the newest trade they carried. */
    drawn(sentAts, newestTrade) {
        const now = Date.now();
        this.renders++;
        sentAts.forEach(sentAt => this.pushLag.push(now - sentAt));
        if (newestTrade > 0) {
            this.tradeLag.push(now - newestTrade);
        }
    }

    snapshot() {
        const seconds = (Date.now() - this.started) / 1000;
        return {
            seconds: +seconds.toFixed(1),
            frameTimeMs: stats(this.frames),
            slowFrames: this.frames.filter(f => f > 50).length,
            longTasks: { count: this.longTasks.length, totalMs: Math.round(this.longTasks.reduce((a, b) => a + b, 0)) },
            pushToDrawnMs: stats(this.pushLag),
            tradeToDrawnMs: stats(this.tradeLag),
            pushesPerSecond: +(this.framesReceived / seconds).toFixed(2),
            rendersPerSecond: +(this.renders / seconds).toFixed(2),
            ticksPerSecond: +(this.ticks / seconds).toFixed(1),
        };
    }
}
