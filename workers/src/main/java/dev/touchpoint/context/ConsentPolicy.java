package dev.touchpoint.context;

import java.util.EnumSet;
import java.util.Set;

/**
 * How consent records turn into SEND or SUPPRESS. See docs/adr/ADR-0005 for the reasoning.
 *
 * <ul>
 *   <li>Marketing needs a GRANTED record for the channel ({@code marketingRequiresOptIn}, the GDPR/ePrivacy default);
 *       with opt-in switched off, marketing goes out unless WITHDRAWN.</li>
 *   <li>Transactional goes out unless its own record is WITHDRAWN: a marketing opt-out does not stop a receipt,
 *       unless {@code transactionalHonoursMarketingOptOut} is set.</li>
 *   <li>An inbound SMS STOP withdraws SMS consent for the purposes in {@code smsStopWithdraws}: both by default,
 *       because carriers and the law (e.g. US TCPA/CTIA) treat STOP as "stop everything from this sender". Where the
 *       law allows transactional SMS after a STOP, configure {@code [MARKETING]}. START undoes exactly what STOP did
 *       (a marketing consent comes back only if it had been granted before the STOP).</li>
 * </ul>
 *
 * @param marketingRequiresOptIn             marketing needs an explicit GRANTED record
 * @param transactionalHonoursMarketingOptOut a marketing withdrawal also stops transactional on that channel
 * @param smsStopWithdraws                   purposes an SMS STOP withdraws
 */
public record ConsentPolicy(boolean marketingRequiresOptIn, boolean transactionalHonoursMarketingOptOut, Set<Purpose> smsStopWithdraws) {

    public static final ConsentPolicy DEFAULT = new ConsentPolicy(true, false, EnumSet.allOf(Purpose.class));

    public ConsentPolicy {
        smsStopWithdraws = smsStopWithdraws == null || smsStopWithdraws.isEmpty()
                ? Set.of(Purpose.MARKETING) : Set.copyOf(smsStopWithdraws);
    }
}
