// BPMN files as other tools write them, for the interchange tests.

/** Every corpus file, and the pools to import from collaborations with several. */
export const CORPUS: { file: string; pool?: string }[] = [
  { file: "camunda7_order.bpmn" },
  { file: "camunda8_onboarding.bpmn" },
  { file: "camunda_fidelity.bpmn" },
  { file: "bpmnio_claims.bpmn" },
  { file: "bpmnio_process_only.bpmn" },
  { file: "no_di_purchase.bpmn" },
  { file: "signavio_collaboration.bpmn", pool: "sid-P-CUSTOMER" },
  { file: "signavio_collaboration.bpmn", pool: "sid-P-SUPPLIER" },
];
