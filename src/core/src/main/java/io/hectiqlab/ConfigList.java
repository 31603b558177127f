package io.hectiqlab;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The list a {@link Config} stores and hands out: live, and refusing every change while the Config
 * it belongs to is locked.
 */
final class ConfigList extends AbstractList<Object> implements RandomAccess {
  final ArrayList<Object> items = new ArrayList<>();
  Object owner;

  ConfigList(Object owner) {
    this.owner = owner;
  }

  @Override
  public Object get(int index) {
    return items.get(index);
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public Object set(int index, Object value) {
    Config.checkWritable(this, index);
    Objects.checkIndex(index, items.size());
    Object stored = Values.normalize(value, this, Config.pathOf(this, index));
    Object old = items.set(index, stored);
    Config.release(old);
    return old;
  }

  @Override
  public void add(int index, Object value) {
    Config.checkWritable(this, index);
    if (index < 0 || index > items.size()) {
      throw new IndexOutOfBoundsException("Index: " + index + ", Size: " + items.size());
    }
    items.add(index, Values.normalize(value, this, Config.pathOf(this, index)));
    modCount++;
  }

  @Override
  public Object remove(int index) {
    Config.checkWritable(this, index);
    Object old = items.remove(index);
    modCount++;
    Config.release(old);
    return old;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof java.util.List && Values.equal(this, o);
  }

  @Override
  public int hashCode() {
    return Values.hash(this);
  }
}
