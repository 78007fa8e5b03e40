import xml.etree.ElementTree as ET

from .. import drawing

SVG = "{http://www.w3.org/2000/svg}"


def _render(people, ties, **kwargs):
    pos = drawing.compute_layout([p.id for p in people], [(s, t) for s, t, _w in ties])
    return drawing.render_svg(
        people,
        ties,
        pos,
        title=kwargs.get("title", "Netwerk <team> & co"),
        desc="Beschrijving",
        category_order=["onderbouw", "bovenbouw"],
        category_labels={"onderbouw": "Onderbouw", "bovenbouw": "Bovenbouw"},
        other_label="onbekend of kleine groep",
    )


def test_layout_is_seeded_and_inside_the_unit_square():
    nodes, edges = list(range(1, 11)), [(i, i % 10 + 1) for i in range(1, 11)]
    first = drawing.compute_layout(nodes, edges)
    assert first == drawing.compute_layout(nodes, edges)
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in first.values())
    assert drawing.compute_layout([], []) == {} and drawing.compute_layout([5], []) == {5: (0.5, 0.5)}


def test_svg_is_valid_xml_with_title_desc_and_escaped_text():
    people = [
        drawing.Person(1, "Anna & Bo", "onderbouw"),
        drawing.Person(2, "", "onderbouw"),
        drawing.Person(3, "", ""),
    ]
    root = ET.fromstring(_render(people, [(1, 2, 3), (2, 3, 1)]))
    assert root.get("role") == "img" and root.get("aria-labelledby") == "network-title network-desc"
    assert root.find(f"{SVG}title").text == "Netwerk <team> & co"
    assert root.find(f"{SVG}desc").text == "Beschrijving"
    assert [t.text for t in root.iter(f"{SVG}text") if t.text == "Anna & Bo"]
    assert len(root.findall(f".//{SVG}line")) == 2
    assert "style=" not in _render(people, [])  # CSP: presentation attributes only


def test_a_colour_of_fewer_than_three_people_is_grey():
    people = [drawing.Person(i, "", "onderbouw") for i in range(1, 4)] + [drawing.Person(9, "", "bovenbouw")]
    palette = drawing.colours(people, ["onderbouw", "bovenbouw"])
    assert "onderbouw" in palette and "bovenbouw" not in palette
    root = ET.fromstring(_render(people, []))
    fills = {
        c.find(f"{SVG}title").text: c.get("fill")
        for c in root.iter(f"{SVG}circle")
        if c.find(f"{SVG}title") is not None
    }
    assert fills["onbekend of kleine groep"] == drawing.GREY  # the only bovenbouw person is not singled out
    assert "Bovenbouw" not in " ".join(t.text or "" for t in root.iter(f"{SVG}text"))


def test_dots_are_written_in_picture_order_not_in_team_order():
    people = [drawing.Person(i, "", "onderbouw") for i in range(1, 13)]
    ties = [(i, (i * 5) % 12 + 1, 1) for i in range(1, 13)]
    root = ET.fromstring(_render(people, ties))
    dots = [(float(c.get("cy")), float(c.get("cx"))) for c in root.find(f"{SVG}g[@class='people']")]
    assert len(dots) == 12 and dots == sorted(dots)
