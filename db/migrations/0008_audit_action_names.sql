-- Audit actions take one form, `subject.event` with a singular subject: rename the three that did not.
update "audit_events" set "action" = case "action"
  when 'fees.updated' then 'fee_schedule.updated'
  when 'fx_rates.imported' then 'fx_rate.imported'
  when 'thresholds.updated' then 'threshold.updated'
end
where "action" in ('fees.updated', 'fx_rates.imported', 'thresholds.updated');
