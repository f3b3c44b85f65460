// Reads a QR code from the phone's camera with jsQR (vendored) and submits the check-in form.
(function () {
  "use strict";
  var button = document.getElementById("scan");
  var video = document.getElementById("camera");
  var form = document.getElementById("checkin-form");
  if (!button || !video || !form || !navigator.mediaDevices || !window.jsQR) {
    if (button) { button.hidden = true; }
    return;
  }
  var canvas = document.createElement("canvas");
  var context = canvas.getContext("2d", { willReadFrequently: true });
  var stream = null;

  function stop() {
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); }
    stream = null;
    video.hidden = true;
  }

  function tick() {
    if (!stream) { return; }
    if (video.readyState === video.HAVE_ENOUGH_DATA) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var found = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
      if (found && found.data) {
        stop();
        form.elements.code.value = found.data;
        form.submit();
        return;
      }
    }
    window.requestAnimationFrame(tick);
  }

  button.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (s) {
      stream = s;
      video.srcObject = s;
      video.hidden = false;
      video.play();
      window.requestAnimationFrame(tick);
    }).catch(function () {
      button.hidden = true;  // no camera (or refused): the typed code still works
    });
  });
})();
