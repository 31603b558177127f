package io.hectiqlab;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.RandomAccess;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The list a {@link Config} stores and hands out: live, and refusing every change while the Config
 * it belongs to is locked, also a change that would leave the list as it is (clearing an empty
 * list, adding no items), as {@link java.util.Collections#unmodifiableList} does. Its items and
 * owner are written only by {@link Containers}.
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
    return Containers.set(this, index, value);
  }

  @Override
  public void add(int index, Object value) {
    Containers.add(this, index, value);
    modCount++;
  }

  @Override
  public Object remove(int index) {
    Object old = Containers.remove(this, index);
    modCount++;
    return old;
  }

  // The bulk changes below check the lock first, so that they refuse a locked list even when
  // they would change nothing; then they make their changes through the methods above.

  @Override
  public void clear() {
    Containers.checkWritable(this, null);
    super.clear();
  }

  @Override
  public boolean addAll(Collection<?> c) {
    Containers.checkWritable(this, null);
    return super.addAll(c);
  }

  @Override
  public boolean addAll(int index, Collection<?> c) {
    Containers.checkWritable(this, null);
    return super.addAll(index, c);
  }

  @Override
  public boolean removeAll(Collection<?> c) {
    Containers.checkWritable(this, null);
    return super.removeAll(c);
  }

  @Override
  public boolean retainAll(Collection<?> c) {
    Containers.checkWritable(this, null);
    return super.retainAll(c);
  }

  @Override
  public boolean removeIf(Predicate<? super Object> filter) {
    Containers.checkWritable(this, null);
    return super.removeIf(filter);
  }

  @Override
  public void replaceAll(UnaryOperator<Object> operator) {
    Containers.checkWritable(this, null);
    super.replaceAll(operator);
  }

  @Override
  public void sort(Comparator<? super Object> c) {
    Containers.checkWritable(this, null);
    super.sort(c);
  }

  @Override
  protected void removeRange(int fromIndex, int toIndex) {
    Containers.checkWritable(this, null);
    super.removeRange(fromIndex, toIndex);
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
