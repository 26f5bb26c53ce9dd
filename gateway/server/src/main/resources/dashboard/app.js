// swarmsense dashboard: the map (roads from our own map data), drones live from the event stream,
// missions submitted and shown with their cells (demand vs sensed) and planned routes.
// State is exposed on window.swarmsense so that the browser tests can read it.
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  const fleet = params.get('fleet') || localStorage.getItem('swarmsense.fleet');
  const token = params.get('token') || localStorage.getItem('swarmsense.token');
  const state = { drones: {}, edges: {}, detections: 0, detectionsDrawn: 0, events: 0, mission: null, roadsDrawn: 0,
    cellsDrawn: 0, routesDrawn: 0, area: null };
  window.swarmsense = state;

  const map = L.map('map', { preferCanvas: false, zoomControl: true });
  map.attributionControl.setPrefix('');
  const roadsLayer = L.layerGroup().addTo(map);
  const missionLayer = L.layerGroup().addTo(map);
  const droneLayer = L.layerGroup().addTo(map);
  const edgeLayer = L.layerGroup().addTo(map);
  const detectionLayer = L.layerGroup().addTo(map);
  map.setView([0, 0], 2);

  function api(path, options) {
    const headers = Object.assign({ 'Authorization': 'Bearer ' + token }, (options && options.headers) || {});
    return fetch(path, Object.assign({}, options, { headers })).then(async (r) => {
      const text = await r.text();
      const body = text ? JSON.parse(text) : null;
      if (!r.ok) {
        const err = new Error((body && body.error) || r.statusText);
        err.body = body;
        throw err;
      }
      return body;
    });
  }

  fetch('/api/map').then((r) => r.json()).then((m) => {
    const b = m.bounds;
    map.fitBounds([[b[1], b[0]], [b[3], b[2]]]);
    map.attributionControl.addAttribution(m.attribution);
    document.title = 'swarmsense: ' + m.name;
    return fetch('/api/map/roads').then((r) => r.json());
  }).then((roads) => {
    const layer = L.geoJSON(roads, { style: { color: '#8a96a3', weight: 1.2, opacity: 0.8 }, interactive: false });
    layer.addTo(roadsLayer);
    state.roadsDrawn = roads.features.length;
  });

  if (!fleet || !token) {
    document.getElementById('login').hidden = false;
    document.getElementById('login-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const f = new FormData(e.target);
      localStorage.setItem('swarmsense.fleet', f.get('fleet'));
      localStorage.setItem('swarmsense.token', f.get('token'));
      location.search = '';
    });
    return;
  }
  document.getElementById('fleet-name').textContent = 'fleet ' + fleet;

  // ---- drones, live ----
  const colors = { flying: '#6a51a3', hovering: '#e6550d', idle: '#636363', charging: '#31a354', landed: '#636363', lost: '#c0392b' };
  function onDevice(d) {
    if (typeof d.lat_deg !== 'number' || typeof d.lon_deg !== 'number') return;
    if (d.kind === 'edge') { onEdge(d); return; }
    let m = state.drones[d.id];
    const color = colors[d.state] || '#1d2733';
    if (!m) {
      m = L.circleMarker([d.lat_deg, d.lon_deg], { radius: 6, color: '#fff', weight: 1.5, fillColor: color, fillOpacity: 1, className: 'drone-marker' });
      m.addTo(droneLayer);
      state.drones[d.id] = m;
    } else {
      m.setLatLng([d.lat_deg, d.lon_deg]);
      m.setStyle({ fillColor: color });
    }
    m.data = d;
    const battery = typeof d.battery_percent === 'number' ? d.battery_percent.toFixed(0) + '%' : '?';
    tip(m, d.id + ' · ' + (d.state || '?') + ' · ' + battery);
    renderDevices();
  }
  let renderPending = false;
  function renderDevices() {
    if (renderPending) return;
    renderPending = true;
    requestAnimationFrame(() => {
      renderPending = false;
      const ids = Object.keys(state.drones).sort();
      document.getElementById('device-count').textContent = String(ids.length);
      const rows = ids.map((id) => {
        const d = state.drones[id].data;
        const battery = typeof d.battery_percent === 'number' ? d.battery_percent.toFixed(0) + '%' : '?';
        return '<tr><td>' + esc(id) + '</td><td>' + esc(d.state || '?') + '</td><td>' + battery + '</td></tr>';
      });
      document.querySelector('#devices tbody').innerHTML = rows.join('');
    });
  }
  // ---- edge nodes (position, queue, load) and their detections, live ----
  function onEdge(d) {
    let m = state.edges[d.id];
    if (!m) {
      m = L.marker([d.lat_deg, d.lon_deg], { icon: L.divIcon({ className: 'edge-marker', iconSize: [14, 14] }) });
      m.addTo(edgeLayer);
      state.edges[d.id] = m;
    } else {
      m.setLatLng([d.lat_deg, d.lon_deg]);
    }
    m.data = d;
    tip(m, 'edge node ' + d.id + ' · queue ' + d.queue_length + '/' + d.queue_capacity + ' · load ' + fmt(d.load));
    const ids = Object.keys(state.edges).sort();
    document.getElementById('edge-count').textContent = String(ids.length);
    document.querySelector('#edges tbody').innerHTML = ids.map((id) => {
      const e = state.edges[id].data;
      return '<tr><td>' + esc(id) + '</td><td>' + e.queue_length + '/' + e.queue_capacity + '</td><td>' + fmt(e.load)
        + '</td><td>' + e.served + '</td><td>' + e.rejected + '</td></tr>';
    }).join('');
  }
  const MAX_DETECTION_MARKERS = 500;
  const detectionMarkers = [];
  function onDetection(e) {
    state.detections += e.count || 0;
    (e.boxes || []).forEach((b) => {
      const m = L.circleMarker([b.lat_deg, b.lon_deg], { radius: 3, color: '#f1c40f', weight: 1, fillColor: '#f39c12',
        fillOpacity: 0.9, className: 'detection-marker' });
      tip(m, 'vehicle (score ' + fmt(b.score) + ') seen by ' + e.drone + ', detected on ' + e.edge);
      m.addTo(detectionLayer);
      detectionMarkers.push(m);
      if (detectionMarkers.length > MAX_DETECTION_MARKERS) detectionLayer.removeLayer(detectionMarkers.shift());
    });
    state.detectionsDrawn = detectionMarkers.length;
    document.getElementById('detection-count').textContent = String(state.detections);
  }
  function onAlarm(a) {
    const li = document.createElement('li');
    li.textContent = (a.id || '?') + ': ' + (a.alarm || a.reason || 'alarm') + (a.detail ? ' (' + a.detail + ')' : '');
    const list = document.getElementById('alarms');
    list.insertBefore(li, list.firstChild);
  }
  function onMission(m) {
    state.mission = m;
    document.getElementById('mission-state').textContent = m.id + ': ' + m.state + (m.progress ? ' (' + m.progress + ')' : '');
    document.getElementById('fly-mission').hidden = m.state !== 'planned';
    if ((m.state === 'planned' || m.state === 'running' || m.state === 'done') && state.shownMission !== m.id + m.state) {
      state.shownMission = m.id + m.state;
      showMission(m.id);
    }
  }

  const link = document.getElementById('link-state');
  const source = new EventSource('/api/fleets/' + encodeURIComponent(fleet) + '/stream?access_token=' + encodeURIComponent(token));
  source.onopen = () => { link.textContent = 'live'; link.className = 'pill live'; };
  source.onerror = () => { link.textContent = 'reconnecting'; link.className = 'pill down'; };
  function listen(type, fn) {
    source.addEventListener(type, (e) => { state.events++; fn(JSON.parse(e.data)); });
  }
  listen('device', onDevice);
  listen('alarm', onAlarm);
  listen('detection', onDetection);
  listen('mission', onMission);
  listen('no-fly-zones', (e) => drawNoFlyZones(e.noFlyZones));
  listen('geofences', (e) => drawGeofences(e.geofences));
  api('/api/fleets/' + encodeURIComponent(fleet) + '/no-fly-zones').then(drawNoFlyZones).catch(() => {});
  api('/api/fleets/' + encodeURIComponent(fleet) + '/geofences').then(drawGeofences).catch(() => {});
  api('/api/fleets/' + encodeURIComponent(fleet) + '/alarms').then((list) => list.forEach(onAlarm)).catch(() => {});

  // ---- fences: no-fly zones (keep out) and geofences (keep in), each with its breach action ----
  const noFlyLayer = L.layerGroup().addTo(map);
  const geofenceLayer = L.layerGroup().addTo(map);
  function drawFences(fc, layer, what, style) {
    layer.clearLayers();
    L.geoJSON(fc, { style: style }).eachLayer((l) => {
      const p = l.feature.properties || {};
      tip(l, what + ' ' + (p.name || '') + ' (on breach: ' + (p.action || 'alarm') + ')');
      l.addTo(layer);
    });
    return fc.features.length;
  }
  function drawNoFlyZones(fc) {
    state.noFlyZonesDrawn = drawFences(fc, noFlyLayer, 'no-fly zone',
      { color: '#c0392b', weight: 2, dashArray: '6 4', fillColor: '#c0392b', fillOpacity: 0.12 });
  }
  function drawGeofences(fc) {
    state.geofencesDrawn = drawFences(fc, geofenceLayer, 'geofence',
      { color: '#8e44ad', weight: 2, dashArray: '2 6', fill: false });
  }
  api('/api/fleets/' + encodeURIComponent(fleet) + '/missions').then((list) => { if (list.length) onMission(list[0]); }).catch(() => {});

  // ---- missions ----
  function cellColor(p) {
    const demand = p.demandS || 0, sensed = p.sensedS || 0;
    if (demand <= 0 && sensed <= 0) return null;
    const ratio = demand > 0 ? sensed / demand : 2;
    if (ratio < 0.8) return '#d7301f';
    if (ratio > 1.25) return '#3182bd';
    return '#31a354';
  }
  function showMission(id) {
    const base = '/api/fleets/' + encodeURIComponent(fleet) + '/missions/' + encodeURIComponent(id);
    api(base + '/plans').then((fc) => {
      missionLayer.clearLayers();
      let cells = 0, routes = 0;
      L.geoJSON(fc, {
        filter: (f) => f.properties && f.properties.kind !== 'hover',
        style: (f) => {
          if (f.properties.kind === 'cell') {
            cells++;
            const c = cellColor(f.properties);
            return { color: c || '#bbb', weight: 0.5, fillColor: c || '#fff', fillOpacity: c ? 0.35 : 0.05 };
          }
          routes++;
          return { color: '#6a51a3', weight: 2, opacity: 0.75 };
        },
        onEachFeature: (f, layer) => {
          const p = f.properties;
          if (p.kind === 'cell') tip(layer, 'cell ' + p.cell + ': demand ' + Math.round(p.demandS || 0) + ' s, sensed ' + Math.round(p.sensedS || 0) + ' s');
          else if (p.drone !== undefined) tip(layer, 'drone ' + p.drone);
        }
      }).addTo(missionLayer);
      state.cellsDrawn = cells;
      state.routesDrawn = routes;
    });
    api(base + '/report').then((r) => {
      const rows = (r.summary || []).map((s) => '<tr><td>' + esc(s.strategy) + '</td><td>' + fmt(s.mismatchPercent) + '% mismatch</td><td>' + fmt(s.energyKj) + ' kJ</td></tr>');
      document.getElementById('mission-summary').innerHTML = rows.join('');
    }).catch(() => {});
  }

  // area: typed, uploaded, drawn (two clicks: opposite corners) or the current view
  let drawing = null;
  document.getElementById('draw-area').addEventListener('click', () => {
    drawing = [];
    document.getElementById('mission-error').textContent = 'click two opposite corners on the map';
  });
  map.on('click', (e) => {
    if (!drawing) return;
    drawing.push(e.latlng);
    if (drawing.length === 2) {
      const [a, b] = drawing;
      drawing = null;
      const poly = rect(Math.min(a.lng, b.lng), Math.min(a.lat, b.lat), Math.max(a.lng, b.lng), Math.max(a.lat, b.lat));
      document.querySelector('#mission-form textarea[name=area]').value = JSON.stringify(poly);
      document.getElementById('mission-error').textContent = '';
      if (state.area) state.area.remove();
      state.area = L.geoJSON(poly, { style: { color: '#1d2733', weight: 1, dashArray: '4', fill: false } }).addTo(map);
    }
  });
  function rect(w, s, e, n) {
    return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
  }
  document.getElementById('mission-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = e.target;
    const err = document.getElementById('mission-error');
    err.textContent = '';
    let area;
    try {
      const file = form.areaFile.files[0];
      const text = file ? await file.text() : form.area.value.trim();
      if (text) {
        area = JSON.parse(text);
      } else {
        const b = map.getBounds().pad(-0.2);
        area = rect(b.getWest(), b.getSouth(), b.getEast(), b.getNorth());
      }
    } catch (x) {
      err.textContent = 'area: not valid JSON (' + x.message + ')';
      return;
    }
    const windowS = Number(form.windowS.value);
    const mission = {
      name: form.name.value,
      area: area,
      cellSizeM: Number(form.cellSizeM.value),
      window: { startS: 0, endS: windowS, slotS: Number(form.slotS.value) },
      drones: { count: Number(form.drones.value) }
      // no demand: the deployment's own traffic source is used
    };
    try {
      const status = await api('/api/fleets/' + encodeURIComponent(fleet) + '/missions', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(mission)
      });
      onMission(status);
      poll(status.id);
    } catch (x) {
      err.textContent = x.message;
    }
  });
  document.getElementById('fly-mission').addEventListener('click', () => {
    const m = state.mission;
    if (!m) return;
    const err = document.getElementById('mission-error');
    err.textContent = '';
    api('/api/fleets/' + encodeURIComponent(fleet) + '/missions/' + encodeURIComponent(m.id) + '/run', { method: 'POST' })
      .then(onMission)
      .catch((x) => { err.textContent = x.message; });
  });
  function poll(id) {
    const url = '/api/fleets/' + encodeURIComponent(fleet) + '/missions/' + encodeURIComponent(id);
    const timer = setInterval(() => {
      api(url).then((m) => {
        onMission(m);
        if (m.state !== 'planning') clearInterval(timer);
      }).catch(() => clearInterval(timer));
    }, 1000);
  }

  function fmt(x) { return typeof x === 'number' ? x.toFixed(1) : '?'; }
  // Leaflet puts a tooltip string in as HTML: every tooltip goes through here, as text (issue 17).
  function tip(layer, text) { layer.bindTooltip(esc(text)); }
  // Escapes user-supplied text for HTML; every string built into innerHTML goes through it.
  function esc(s) { return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c])); }
})();
