/*
 * PolicyVersion.java - one dated version of a policy.
 */
package jp.cpd;

import java.time.LocalDate;

/**
 * One dated version of a policy: the one an application was checked (or
 * planned) against, or one of Policy.versions().
 */
public record PolicyVersion(String name, LocalDate effectiveFrom) {}
