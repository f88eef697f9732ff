package com.connectsoft.factory.billing.application;

import com.connectsoft.factory.billing.domain.LedgerEntry;
import com.connectsoft.factory.billing.domain.MarketplaceExportRecord;
import com.connectsoft.factory.billing.domain.MarketplaceExportState;
import com.connectsoft.factory.billing.domain.MarketplaceExports;
import com.connectsoft.factory.billing.domain.MarketplaceLink;
import com.connectsoft.factory.billing.domain.MarketplaceLinks;
import com.connectsoft.factory.billing.domain.MarketplaceMetering;
import com.connectsoft.factory.billing.domain.MarketplaceMetering.BatchOutcome;
import com.connectsoft.factory.billing.domain.MarketplaceMetering.EventResult;
import com.connectsoft.factory.billing.domain.MarketplaceUsage;
import com.connectsoft.factory.billing.domain.MarketplaceUsageEvent;
import com.connectsoft.factory.billing.domain.Plan;
import com.connectsoft.factory.billing.domain.PlanCatalog;
import com.connectsoft.factory.shared.domain.TenantId;
import com.connectsoft.factory.tenancy.domain.Tenant;
import com.connectsoft.factory.tenancy.domain.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Exports the tenants' metered overage to the Azure Marketplace: builds one usage event per (resource, dimension, hour)
 * from the hourly ledger ({@link MarketplaceUsage}), records each in the tenant's export store before sending it, sends
 * what is pending in batches of at most 25 (each batch holds one tenant's events), and records each answer.
 *
 * <p>Exactly once: an event the Marketplace accepted, or already held with the same quantity (a retried batch), is
 * settled and never sent again; a duplicate with another quantity is flagged for an operator with both quantities and
 * never resent, so nothing is billed twice; a batch that failed as a whole leaves its events pending for the next export;
 * an event older than 24 hours when it would be sent is kept as expired and never sent. Running the export again, or
 * two exports at once, sends no hour twice that the Marketplace does not then answer as a duplicate. Reads and writes
 * only each tenant's own partition.
 */
public final class ExportUsage {
    /** How far back the Marketplace accepts an event. */
    public static final Duration ACCEPTED_WINDOW = Duration.ofHours(24);
    private static final Logger LOG = Logger.getLogger(ExportUsage.class.getName());

    private final Tenants tenants;
    private final PlanCatalog plans;
    private final RollLedger roll;
    private final MarketplaceExports exports;
    private final MarketplaceLinks links;
    private final MarketplaceMetering marketplace;
    private final Optional<String> marketplacePlanId;
    private final Clock clock;

    /** @param marketplacePlanId the offer's plan id every event carries (absent: the tenant's factory plan id) */
    public ExportUsage(Tenants tenants, PlanCatalog plans, RollLedger roll, MarketplaceExports exports, MarketplaceLinks links,
                       MarketplaceMetering marketplace, Optional<String> marketplacePlanId, Clock clock) {
        this.tenants = tenants;
        this.plans = plans;
        this.roll = roll;
        this.exports = exports;
        this.links = links;
        this.marketplace = marketplace;
        this.marketplacePlanId = marketplacePlanId;
        this.clock = clock;
    }

    /** Which tenants (all registered ones when absent), up to which hour (exclusive; default the current hour), and whether to send. */
    public record Request(Optional<TenantId> tenant, Optional<Instant> until, boolean dryRun) {
    }

    /** What happened to an event in this export. */
    public enum Action {
        /** Sent now; the record holds the answer. */
        SENT,
        /** A dry run would send it. */
        WOULD_SEND,
        /** Older than 24 hours when it came to be sent: kept as expired, not sent. */
        EXPIRED,
        /** A dry run would keep it as expired. */
        WOULD_EXPIRE
    }

    public record Row(MarketplaceExportRecord record, Action action) {
    }

    /** One tenant's part of an export. */
    public sealed interface TenantOutcome {
        String tenantId();

        /** {@code settledBefore}: events of the period an earlier export already settled (not sent again). */
        record Exported(String tenantId, String resourceId, List<Row> rows, int settledBefore) implements TenantOutcome {
            public Exported {
                rows = List.copyOf(rows);
            }
        }

        /** Nothing exported for the tenant, and why (no Marketplace subscription linked, a plan not in plans/). */
        record Skipped(String tenantId, String reason) implements TenantOutcome {
        }
    }

    /** The export's result, or why it did not start. */
    public sealed interface Outcome {
        record Done(Instant until, boolean dryRun, List<TenantOutcome> tenants) implements Outcome {
            public Done {
                tenants = List.copyOf(tenants);
            }

            public List<Row> rows() {
                return tenants.stream().filter(t -> t instanceof TenantOutcome.Exported).flatMap(t -> ((TenantOutcome.Exported) t).rows().stream())
                        .toList();
            }

            /** Events this export left rejected, failed (still pending after sending) or flagged: someone must look. */
            public long problems() {
                return rows().stream().filter(r -> r.action() == Action.SENT && r.record().state() != MarketplaceExportState.ACCEPTED
                        && r.record().state() != MarketplaceExportState.DUPLICATE_RECONCILED).count();
            }
        }

        /** Bad input: what, and how to fix it. Nothing was written or sent. */
        record Refused(String reason) implements Outcome {
        }
    }

    public Outcome export(Request request) {
        Instant now = clock.instant();
        Instant currentHour = now.truncatedTo(ChronoUnit.HOURS);
        Instant until = request.until().orElse(currentHour);
        if (!until.equals(until.truncatedTo(ChronoUnit.HOURS))) {
            return new Outcome.Refused("--until " + until + " is not the start of an hour: give an hour, e.g. " + currentHour);
        }
        if (until.isAfter(currentHour)) {
            return new Outcome.Refused("--until " + until + " is after the current hour " + currentHour
                    + ": only complete hours are exported; give " + currentHour + " or earlier");
        }
        List<TenantId> which;
        if (request.tenant().isPresent()) {
            if (tenants.find(request.tenant().get()).isEmpty()) {
                return new Outcome.Refused("tenant " + request.tenant().get().value() + " is not registered");
            }
            which = List.of(request.tenant().get());
        } else {
            which = tenants.all();
        }
        List<TenantOutcome> out = new ArrayList<>();
        for (TenantId t : which) {
            out.add(exportTenant(t, until, now, request.dryRun()));
        }
        return new Outcome.Done(until, request.dryRun(), out);
    }

    private TenantOutcome exportTenant(TenantId tenant, Instant until, Instant now, boolean dryRun) {
        Optional<Tenant> record = tenants.find(tenant);
        if (record.isEmpty()) {
            return new TenantOutcome.Skipped(tenant.value(), "not registered");
        }
        Optional<MarketplaceLink> link = links.find(tenant);
        if (link.isEmpty()) {
            return new TenantOutcome.Skipped(tenant.value(), "no Azure Marketplace subscription linked (./factory billing marketplace --tenant "
                    + tenant.value() + " --resource-id <subscription id>)");
        }
        Optional<Plan> plan = plans.find(record.get().plan());
        if (plan.isEmpty()) {
            return new TenantOutcome.Skipped(tenant.value(), "plan " + record.get().plan() + " is not in plans/");
        }
        Built built = events(tenant, link.get().resourceId(), marketplacePlanId.orElse(plan.get().id()), plan.get(), until, dryRun);
        List<MarketplaceUsageEvent> events = built.events();
        List<Row> rows = new ArrayList<>();
        List<MarketplaceExportRecord> toSend = new ArrayList<>();
        List<MarketplaceExportRecord> expired = new ArrayList<>();
        int settledBefore = built.settled();
        for (MarketplaceUsageEvent e : events) {
            Optional<MarketplaceExportRecord> known = exports.find(tenant, e.key());
            if (known.isPresent() && !known.get().sendable()) {
                settledBefore++;
                continue;
            }
            MarketplaceExportRecord r = known.map(k -> MarketplaceUsageEvent.sameQuantity(k.event().quantity(), e.quantity()) ? k : k.withEvent(e, now))
                    .orElseGet(() -> MarketplaceExportRecord.pending(e, now));
            if (e.hour().isBefore(now.minus(ACCEPTED_WINDOW))) {
                MarketplaceExportRecord x = r.settle(MarketplaceExportState.EXPIRED, Optional.of("hour " + e.hour() + " was more than 24 hours ago at "
                        + now.truncatedTo(ChronoUnit.SECONDS) + ": the Marketplace accepts only the last 24 hours; kept, not sent"), false,
                        Optional.empty(), Optional.empty(), now);
                expired.add(x);
                rows.add(new Row(x, dryRun ? Action.WOULD_EXPIRE : Action.EXPIRED));
            } else if (dryRun) {
                rows.add(new Row(r, Action.WOULD_SEND));
            } else {
                toSend.add(r.tried(now));
            }
        }
        if (dryRun) {
            return new TenantOutcome.Exported(tenant.value(), link.get().resourceId(), rows, settledBefore);
        }
        List<MarketplaceExportRecord> ahead = new ArrayList<>(expired);
        ahead.addAll(toSend);
        exports.saveAll(tenant, ahead);
        for (int from = 0; from < toSend.size(); from += MarketplaceMetering.MAX_BATCH) {
            List<MarketplaceExportRecord> batch = toSend.subList(from, Math.min(toSend.size(), from + MarketplaceMetering.MAX_BATCH));
            List<MarketplaceExportRecord> answered = answer(batch, marketplace.send(batch.stream().map(MarketplaceExportRecord::event).toList()), now);
            exports.saveAll(tenant, answered);
            answered.forEach(a -> rows.add(new Row(a, Action.SENT)));
        }
        long accepted = rows.stream().filter(r -> r.record().state() == MarketplaceExportState.ACCEPTED).count();
        LOG.info(() -> "marketplace export for tenant " + tenant.value() + ": " + toSend.size() + " sent, " + accepted + " accepted, "
                + expired.size() + " expired");
        return new TenantOutcome.Exported(tenant.value(), link.get().resourceId(), rows, settledBefore);
    }

    /** Events to send or expire, and how many hours of the period are settled already. */
    private record Built(List<MarketplaceUsageEvent> events, int settled) {
    }

    /** The tenant's events of every hour before {@code until} in the months of the last 24 hours not settled yet. */
    private Built events(TenantId tenant, String resourceId, String planId, Plan plan, Instant until, boolean dryRun) {
        Instant last = until.minus(1, ChronoUnit.HOURS);
        Set<YearMonth> months = new LinkedHashSet<>();
        months.add(YearMonth.from(last.minus(ACCEPTED_WINDOW).atZone(ZoneOffset.UTC)));
        months.add(YearMonth.from(last.atZone(ZoneOffset.UTC)));
        List<MarketplaceUsageEvent> out = new ArrayList<>();
        int settledCount = 0;
        for (YearMonth m : months) {
            List<MarketplaceExportRecord> known = exports.month(tenant, m);
            List<LedgerEntry> entries = dryRun ? roll.compute(tenant, m) : roll.rebuild(tenant, m);
            java.util.Map<String, java.math.BigDecimal> settled = new java.util.HashMap<>();
            for (MarketplaceExportRecord r : known) {
                if (r.state().settled()) {
                    settledCount += r.event().hour().isBefore(until) ? 1 : 0;
                    settled.put(r.event().key(), r.state() == MarketplaceExportState.DUPLICATE_MISMATCH
                            ? r.acceptedQuantity().orElse(r.event().quantity()) : r.event().quantity());
                }
            }
            MarketplaceUsage.events(tenant.value(), resourceId, planId, plan, entries, settled).stream().filter(e -> e.hour().isBefore(until))
                    .forEach(out::add);
        }
        return new Built(out, settledCount);
    }

    private static List<MarketplaceExportRecord> answer(List<MarketplaceExportRecord> batch, BatchOutcome outcome, Instant now) {
        List<MarketplaceExportRecord> out = new ArrayList<>();
        if (outcome instanceof BatchOutcome.Failed f) {
            for (MarketplaceExportRecord r : batch) {
                out.add(f.retryable()
                        ? r.settle(MarketplaceExportState.PENDING, Optional.of("batch failed: " + f.reason() + "; sent again at the next export"), true,
                                Optional.empty(), Optional.empty(), now)
                        : r.settle(MarketplaceExportState.REJECTED, Optional.of("batch refused: " + f.reason()), false, Optional.empty(),
                                Optional.empty(), now));
            }
            return out;
        }
        List<EventResult> results = ((BatchOutcome.Answered) outcome).results();
        for (int i = 0; i < batch.size(); i++) {
            MarketplaceExportRecord r = batch.get(i);
            EventResult res = i < results.size() ? results.get(i)
                    : new EventResult(MarketplaceMetering.Status.ERROR, Optional.empty(), Optional.empty(), Optional.of("no result for this event"));
            out.add(settle(r, res, now));
        }
        return out;
    }

    private static MarketplaceExportRecord settle(MarketplaceExportRecord r, EventResult res, Instant now) {
        String said = res.status().apiName().isEmpty() ? res.message().orElse("unknown status")
                : res.status().apiName() + res.message().map(m -> ": " + m).orElse("");
        return switch (res.status()) {
            case ACCEPTED -> r.settle(MarketplaceExportState.ACCEPTED, Optional.empty(), false, res.usageEventId(), Optional.empty(), now);
            case DUPLICATE -> {
                if (res.acceptedQuantity().isPresent() && MarketplaceUsageEvent.sameQuantity(res.acceptedQuantity().get(), r.event().quantity())) {
                    yield r.settle(MarketplaceExportState.DUPLICATE_RECONCILED, Optional.of("already accepted with the same quantity"), false,
                            res.usageEventId(), res.acceptedQuantity(), now);
                }
                yield r.settle(MarketplaceExportState.DUPLICATE_MISMATCH, Optional.of("the Marketplace already holds "
                        + res.acceptedQuantity().map(q -> q.stripTrailingZeros().toPlainString()).orElse("an unknown quantity")
                        + " for this hour, the ledger " + r.event().quantity().toPlainString()
                        + ": an operator must reconcile it (not resent, never billed twice)"), false, res.usageEventId(), res.acceptedQuantity(), now);
            }
            case EXPIRED -> r.settle(MarketplaceExportState.EXPIRED, Optional.of(said), false, Optional.empty(), Optional.empty(), now);
            default -> r.settle(MarketplaceExportState.REJECTED, Optional.of(said), res.status().retryable(), Optional.empty(), Optional.empty(), now);
        };
    }
}
