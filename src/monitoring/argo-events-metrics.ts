/**
 * The metrics Argo Events' own pods export (port 7777, container port `metrics`), as defined in
 * argo-events 6478ece (v1.9 line) pkg/metrics/metrics.go and documented in docs/metrics.md. Every
 * series carries a constant `namespace` label (the pod's namespace); the Sensor's carry
 * `sensor_name` and `trigger_name`, the EventSource's `eventsource_name` (and `event_name`, except
 * the running gauge). The two durations are summaries without quantiles (client_golang's default
 * objectives are empty since v1.0; argo-events pins v1.23.2 in go.mod), so only their `_sum` and `_count` series exist.
 */

/** Sensor: actions (triggers) that succeeded; set to 0 per trigger when the Sensor starts (listener.go). */
export const ACTION_TRIGGERED = 'argo_events_action_triggered_total';
/** Sensor: trigger executions that failed, each attempt (listener.go triggerWithRateLimit). */
export const ACTION_FAILED = 'argo_events_action_failed_total';
/** Sensor: triggers that still failed after the retry strategy was exhausted: the event is lost. */
export const ACTION_RETRIES_FAILED = 'argo_events_action_retries_failed_total';
/** Sensor: summary of trigger durations in milliseconds. */
export const ACTION_DURATION = 'argo_events_action_duration_milliseconds';
/** EventSource: configured events actively running (a gauge despite its `_total` name). */
export const EVENT_SERVICE_RUNNING = 'argo_events_event_service_running_total';
/** EventSource: events sent to the EventBus. */
export const EVENTS_SENT = 'argo_events_events_sent_total';
/** EventSource: events that could not be sent to the EventBus. */
export const EVENTS_SENT_FAILED = 'argo_events_events_sent_failed_total';
/** EventSource: events that failed to process for any reason (includes the send failures). */
export const EVENTS_PROCESSING_FAILED = 'argo_events_events_processing_failed_total';
/** EventSource: summary of event processing durations (receipt to EventBus) in milliseconds. */
export const EVENT_PROCESSING_DURATION = 'argo_events_event_processing_duration_milliseconds';

/**
 * Where every Sensor and EventSource pod serves these metrics: the controller declares the container
 * port `{ name: "metrics", containerPort: 7777 }` on the pod's `main` container (argo-events 6478ece
 * pkg/reconciler/sensor/resource.go lines 315-317 and pkg/reconciler/eventsource/resource.go lines
 * 353-355; `SensorMetricsPort`/`EventSourceMetricsPort = 7777` in pkg/apis/events/v1alpha1/const.go
 * lines 222-223), and the pod serves `/metrics` on it (pkg/metrics/metrics.go line 216, started by
 * pkg/sensors/cmd/start.go line 81 and pkg/eventsources/cmd/start.go line 59). A Sensor's or
 * EventSource's `spec.template.container` cannot change the ports (ApplyToContainer,
 * pkg/apis/events/v1alpha1/template.go, merges resources, security context, env and mounts only).
 */
export const METRICS_PORT_NAME = 'metrics';
/** The number of {@link METRICS_PORT_NAME}. */
export const METRICS_PORT = 7777;
/** The HTTP path of the metrics. */
export const METRICS_PATH = '/metrics';
