/** The peer's process, the same for every bench that runs bpmn-engine: `steps` user tasks in a row. */
export function bpmnProcess(steps: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="bench">
  <process id="p" isExecutable="true">
    <startEvent id="start" />
    ${Array.from({ length: steps }, (_, i) => `<userTask id="t${i + 1}" />`).join('\n    ')}
    <endEvent id="end" />
    <sequenceFlow id="f0" sourceRef="start" targetRef="t1" />
    ${Array.from({ length: steps - 1 }, (_, i) => `<sequenceFlow id="f${i + 1}" sourceRef="t${i + 1}" targetRef="t${i + 2}" />`).join('\n    ')}
    <sequenceFlow id="f${steps}" sourceRef="t${steps}" targetRef="end" />
  </process>
</definitions>`;
}
