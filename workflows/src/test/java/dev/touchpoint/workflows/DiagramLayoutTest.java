package dev.touchpoint.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.dc.Bounds;
import io.camunda.zeebe.model.bpmn.instance.di.Waypoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The diagrams open cleanly in Camunda Modeler: every element and flow is drawn, nothing overlaps, flows run
 * orthogonally from their source to their target without crossing other shapes, and labels stay clear of shapes.
 */
class DiagramLayoutTest {

    private static List<Journey> journeys;

    @BeforeAll
    static void read() {
        journeys = Journey.all();
    }

    record Box(String owner, double x, double y, double w, double h) {
        static Box of(String owner, Bounds b) {
            return new Box(owner, b.getX(), b.getY(), b.getWidth(), b.getHeight());
        }

        boolean overlaps(Box o) {
            return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
        }

        boolean contains(Box o) {
            return o.x >= x && o.y >= y && o.x + o.w <= x + w && o.y + o.h <= y + h;
        }

        boolean touches(double px, double py) {
            return px >= x - 1 && px <= x + w + 1 && py >= y - 1 && py <= y + h + 1;
        }

        /** Whether the axis-parallel segment runs through the inside of this box (its border excluded). */
        boolean crossedBy(double x1, double y1, double x2, double y2) {
            double minX = Math.min(x1, x2), maxX = Math.max(x1, x2), minY = Math.min(y1, y2), maxY = Math.max(y1, y2);
            return maxX > x + 1 && minX < x + w - 1 && maxY > y + 1 && minY < y + h - 1;
        }
    }

    @Test
    void everyFlowNodeAndSequenceFlowIsDrawn() {
        List<String> problems = new ArrayList<>();
        for (Journey journey : journeys) {
            Map<String, BpmnShape> shapes = shapes(journey);
            Map<String, BpmnEdge> edges = edges(journey);
            for (FlowNode node : journey.model().getModelElementsByType(FlowNode.class)) {
                if (!shapes.containsKey(node.getId())) {
                    problems.add(journey.at(node.getId()) + " has no shape");
                }
            }
            for (SequenceFlow flow : journey.model().getModelElementsByType(SequenceFlow.class)) {
                BpmnEdge edge = edges.get(flow.getId());
                if (edge == null || edge.getWaypoints().size() < 2) {
                    problems.add(journey.at(flow.getId()) + " has no edge with two or more waypoints");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void shapesDoNotOverlap() {
        List<String> problems = new ArrayList<>();
        for (Journey journey : journeys) {
            List<Map.Entry<BaseElement, Box>> boxes = boxes(journey);
            for (int i = 0; i < boxes.size(); i++) {
                for (int k = i + 1; k < boxes.size(); k++) {
                    BaseElement a = boxes.get(i).getKey(), b = boxes.get(k).getKey();
                    Box ba = boxes.get(i).getValue(), bb = boxes.get(k).getValue();
                    if (ba.overlaps(bb) && !attachedOrNested(a, b) && !attachedOrNested(b, a)) {
                        problems.add(journey.fileName() + ": " + a.getId() + " overlaps " + b.getId());
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void labelsStayClearOfShapesAndOtherLabels() {
        List<String> problems = new ArrayList<>();
        for (Journey journey : journeys) {
            List<Box> labels = new ArrayList<>();
            for (BpmnShape shape : shapes(journey).values()) {
                if (shape.getBpmnLabel() != null && shape.getBpmnLabel().getBounds() != null) {
                    labels.add(Box.of(shape.getBpmnElement().getId(), shape.getBpmnLabel().getBounds()));
                }
            }
            for (Box label : labels) {
                for (Map.Entry<BaseElement, Box> shape : boxes(journey)) {
                    if (!shape.getValue().owner().equals(label.owner()) && !(shape.getKey() instanceof SubProcess)
                            && label.overlaps(shape.getValue())) {
                        problems.add(journey.fileName() + ": label of " + label.owner() + " covers " + shape.getKey().getId());
                    }
                }
                for (Box other : labels) {
                    if (other != label && label.owner().compareTo(other.owner()) < 0 && label.overlaps(other)) {
                        problems.add(journey.fileName() + ": labels of " + label.owner() + " and " + other.owner() + " overlap");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void flowsRunOrthogonallyFromSourceToTargetAroundOtherShapes() {
        List<String> problems = new ArrayList<>();
        for (Journey journey : journeys) {
            Map<String, BpmnShape> shapes = shapes(journey);
            List<Map.Entry<BaseElement, Box>> boxes = boxes(journey);
            for (BpmnEdge edge : edges(journey).values()) {
                SequenceFlow flow = (SequenceFlow) edge.getBpmnElement();
                List<Waypoint> points = List.copyOf(edge.getWaypoints());
                String at = journey.at(flow.getId());
                Box source = Box.of(flow.getSource().getId(), shapes.get(flow.getSource().getId()).getBounds());
                Box target = Box.of(flow.getTarget().getId(), shapes.get(flow.getTarget().getId()).getBounds());
                Waypoint first = points.getFirst(), last = points.getLast();
                if (!source.touches(first.getX(), first.getY())) {
                    problems.add(at + " does not start at its source " + source.owner());
                }
                if (!target.touches(last.getX(), last.getY())) {
                    problems.add(at + " does not end at its target " + target.owner());
                }
                for (int i = 1; i < points.size(); i++) {
                    Waypoint p = points.get(i - 1), q = points.get(i);
                    if (!p.getX().equals(q.getX()) && !p.getY().equals(q.getY())) {
                        problems.add(at + " has a diagonal segment");
                    }
                    for (Map.Entry<BaseElement, Box> other : boxes) {
                        BaseElement element = other.getKey();
                        boolean endpoint = element == flow.getSource() || element == flow.getTarget();
                        if (!endpoint && !(element instanceof SubProcess)
                                && other.getValue().crossedBy(p.getX(), p.getY(), q.getX(), q.getY())) {
                            problems.add(at + " runs through " + element.getId());
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** a is a boundary event on b, or a lies inside the (sub-process) b. */
    private static boolean attachedOrNested(BaseElement a, BaseElement b) {
        if (a instanceof BoundaryEvent boundary && boundary.getAttachedTo() == b) {
            return true;
        }
        for (ModelElementInstance p = a.getParentElement(); p != null; p = p.getParentElement()) {
            if (p == b) {
                return true;
            }
        }
        return false;
    }

    private static List<Map.Entry<BaseElement, Box>> boxes(Journey journey) {
        return shapes(journey).values().stream()
                .map(s -> Map.entry(s.getBpmnElement(), Box.of(s.getBpmnElement().getId(), s.getBounds())))
                .toList();
    }

    private static Map<String, BpmnShape> shapes(Journey journey) {
        Map<String, BpmnShape> shapes = new LinkedHashMap<>();
        journey.model().getModelElementsByType(BpmnShape.class).forEach(s -> shapes.put(s.getBpmnElement().getId(), s));
        return shapes;
    }

    private static Map<String, BpmnEdge> edges(Journey journey) {
        Map<String, BpmnEdge> edges = new LinkedHashMap<>();
        journey.model().getModelElementsByType(BpmnEdge.class).forEach(e -> edges.put(e.getBpmnElement().getId(), e));
        return edges;
    }
}
