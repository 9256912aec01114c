package io.caravan.bar;

/** What an aggregator group holds while its bucket is open: a base bar's trades or a longer bar's parts. */
public interface OpenBar {

    /** The bar as it stands now (safe to call while the group is still being added to). */
    Bar build();
}
