/**
 * Moving an item of an ordered list one place up or down. The API orders by `position` and takes one
 * item's new position at a time; positions may have gaps or ties (items created at once), so the moved
 * list is numbered 0, 1, 2… again and only the items whose number changes are written.
 */
export function moveChanges(
  items: readonly { id: string; position: number }[],
  index: number,
  by: -1 | 1,
): { id: string; position: number }[] {
  const target = index + by;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return [];
  const order = [...items];
  const [moved] = order.splice(index, 1);
  order.splice(target, 0, moved!);
  return order
    .map((item, position) => ({ id: item.id, position, was: item.position }))
    .filter((item) => item.position !== item.was)
    .map(({ id, position }) => ({ id, position }));
}
